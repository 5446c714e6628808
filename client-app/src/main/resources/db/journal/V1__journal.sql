-- The pending-operation journal: client-app's own durable memory of every money operation it was asked
-- for, written before the first attempt, so that a crash never loses an operation or its key.
-- Lives in its own schema (client_journal) and may share a PostgreSQL server with the bank.

create table operation (
    id                uuid primary key,
    username          varchar(100) not null,
    idempotency_key   varchar(255) not null,
    type              varchar(16)  not null check (type in ('CREDIT', 'DEBIT', 'TRANSFER')),
    account_id        uuid         not null,
    to_account_id     uuid,
    amount            bigint       not null check (amount > 0),
    currency          varchar(3)   not null,
    description       varchar(140),
    status            varchar(16)  not null check (status in ('IN_DOUBT', 'SUCCEEDED', 'REJECTED')),
    outcome_detail    text,
    replayed          boolean      not null default false,
    bank_operation_id uuid,
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null,
    -- When the resumer should next try an operation still in doubt.
    next_attempt_at   timestamptz,
    -- One logical operation per key and user: a second submit with the same key finds the first.
    constraint operation_key_per_user unique (username, idempotency_key),
    constraint operation_transfer_target check ((type = 'TRANSFER') = (to_account_id is not null))
);

create index operation_due on operation (next_attempt_at) where status = 'IN_DOUBT';

create index operation_by_user on operation (username, created_at desc);

create table attempt (
    operation_id uuid        not null references operation (id),
    number       integer     not null check (number > 0),
    started_at   timestamptz not null,
    finished_at  timestamptz,
    http_status  integer,
    error        text,
    replayed     boolean     not null default false,
    primary key (operation_id, number)
);
