-- The stable type URI (RFC 9457 "type") of the problem behind an operation's outcome, next to the sentence
-- for a person in outcome_detail: the bank's problem when it refused, or client-app's own bank-unavailable
-- while its circuit breaker keeps an operation in doubt. The dashboard decides what to say on this column,
-- never on the sentence, whose words may change. Null when there is no such problem (a success, a refusal
-- without a problem document, an operation in doubt after a lost reply).

alter table operation add column problem_type varchar(255);

-- Operations journaled before this column existed: their type, read once from the words the dashboard
-- used to look for in the sentence, so that they read as they did.
update operation set problem_type = 'https://exactly-once.dev/problems/' || case
        when lower(outcome_detail) like '%insufficient funds%' then 'insufficient-funds'
        when lower(outcome_detail) like '%account not found%' then 'account-not-found'
        when lower(outcome_detail) like '%currency does not match%' then 'currency-mismatch'
        when lower(outcome_detail) like '%balance limit%' then 'balance-limit-exceeded'
        when lower(outcome_detail) like '%idempotency-key reused%' then 'idempotency-key-reused'
        when lower(outcome_detail) like '%http 401%' or lower(outcome_detail) like '%unauthorized%' then 'unauthorized'
        when lower(outcome_detail) like '%http 403%' or lower(outcome_detail) like '%forbidden%' then 'forbidden'
    end
where status = 'REJECTED';

update operation set problem_type = 'https://exactly-once.dev/problems/client/bank-unavailable'
where status = 'IN_DOUBT' and lower(outcome_detail) like '%circuit breaker%';
