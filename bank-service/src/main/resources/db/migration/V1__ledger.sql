-- Accounts, the double-entry ledger and the idempotency fence of record.

create table account (
    id              uuid        primary key,
    owner           text        not null,
    kind            text        not null check (kind in ('CUSTOMER', 'SETTLEMENT')),
    currency        char(3)     not null,
    balance         bigint      not null default 0,
    overdraft_limit bigint      not null default 0 check (overdraft_limit >= 0),
    created_at      timestamptz not null default now(),
    -- The database refuses an overdrawn customer account even if application code had a bug.
    constraint balance_within_overdraft check (kind = 'SETTLEMENT' or balance >= -overdraft_limit)
);

create index account_owner_idx on account (owner, created_at);
create unique index one_settlement_account_per_currency on account (currency) where kind = 'SETTLEMENT';

create table operation (
    id                      uuid        primary key,
    seq                     bigserial   not null unique,
    client                  text        not null,
    type                    text        not null check (type in ('CREDIT', 'DEBIT', 'TRANSFER')),
    status                  text        not null check (status in ('COMPLETED', 'REJECTED')),
    account_id              uuid        not null references account (id),
    counterparty_account_id uuid        references account (id),
    amount                  bigint      not null check (amount > 0),
    currency                char(3)     not null,
    description             text,
    created_at              timestamptz not null default now()
);

create index operation_account_idx on operation (account_id, seq desc);
create index operation_counterparty_idx on operation (counterparty_account_id, seq desc)
    where counterparty_account_id is not null;

-- Every operation's entries sum to zero; a settlement account stands for the world outside the bank.
create table ledger_entry (
    id            bigserial primary key,
    operation_id  uuid      not null references operation (id),
    account_id    uuid      not null references account (id),
    amount        bigint    not null check (amount <> 0),
    currency      char(3)   not null,
    balance_after bigint
);

create index ledger_entry_operation_idx on ledger_entry (operation_id);
create index ledger_entry_account_idx on ledger_entry (account_id);

-- The fence: one row per (client, key), written in the same transaction as the money movement.
create table idempotency_record (
    client              text        not null,
    idempotency_key     text        not null,
    request_fingerprint text        not null,
    operation_id        uuid        references operation (id),
    created_at          timestamptz not null default now(),
    primary key (client, idempotency_key)
);
