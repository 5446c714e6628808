-- Issue 11: opening an account is fenced like a money movement; credit is the operators' decision and
-- every change of a limit is kept; a refused credit that would pass the balance cap is a stored outcome.

-- The fence row stands for what its key created: an operation or an account, never both.
alter table idempotency_record add column account_id uuid references account (id);
alter table idempotency_record add constraint idempotency_record_one_target
    check (operation_id is null or account_id is null);

-- Why a REJECTED operation was refused, so a replay gives the same problem.
alter table operation add column rejection text
    check (rejection in ('INSUFFICIENT_FUNDS', 'BALANCE_LIMIT_EXCEEDED'));
update operation set rejection = 'INSUFFICIENT_FUNDS' where status = 'REJECTED';
alter table operation add constraint operation_rejection_iff_rejected
    check ((status = 'REJECTED') = (rejection is not null));

-- Who changed an account's overdraft limit, when, from what to what. The seq comes from the operation
-- sequence, so an account's history orders limit changes and money operations on one timeline.
create table overdraft_limit_change (
    id                       uuid        primary key,
    seq                      bigint      not null unique default nextval('operation_seq_seq'),
    account_id               uuid        not null references account (id),
    changed_by               text        not null,
    previous_overdraft_limit bigint      not null check (previous_overdraft_limit >= 0),
    overdraft_limit          bigint      not null check (overdraft_limit >= 0),
    created_at               timestamptz not null default now()
);

create index overdraft_limit_change_account_idx on overdraft_limit_change (account_id, seq desc);
