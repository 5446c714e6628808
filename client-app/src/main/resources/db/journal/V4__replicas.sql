-- client-app as many replicas on one journal (issue 15).

-- Dashboard sign-ins: Spring Session JDBC's tables (its PostgreSQL script, under the names that
-- spring.session.jdbc.table-name gives), created here rather than by Spring Session at start-up, so that a
-- fresh journal and an existing one get them the same way, once, in order with everything else.
create table spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);

create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);

-- Every running client-app process, with the heartbeat that says it is alive. Times are PostgreSQL's own
-- (clock_timestamp()), so that no two replicas' clocks are ever compared. A row whose heartbeat is older than
-- the instance timeout belongs to a dead process: whichever replica notices first deletes it, closes its open
-- attempts as interrupted and frees its operations.
create table instance (
    id           uuid         primary key,
    host         varchar(255) not null,
    started_at   timestamptz  not null,
    heartbeat_at timestamptz  not null
);

-- The lease on an operation in doubt: the one process that may run a round of attempts for it, until
-- lease_until (renewed before every attempt) and only while that process's heartbeat is fresh. Null when no
-- round runs.
alter table operation add column leased_by uuid;
alter table operation add column lease_until timestamptz;

-- The process that sent the attempt, so that only a dead process's open attempts are marked interrupted. Null
-- for attempts journaled before this column existed.
alter table attempt add column instance_id uuid;

-- The sweep's look for operations leased to a process that is gone.
create index operation_leased on operation (leased_by) where leased_by is not null;

-- The sweep's look for a dead process's open attempts.
create index attempt_open on attempt (instance_id) where finished_at is null and error is null;
