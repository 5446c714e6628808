package dev.exactlyonce.bank.idempotency;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads what account openings left in the database, whatever the API answered. */
record OpenedAccounts(JdbcClient jdbc) {

    /** Every account, customer and settlement. */
    long all() {
        return jdbc.sql("select count(*) from account").query(Long.class).single();
    }

    /** The customer accounts this client owns. */
    long ownedBy(String client) {
        return jdbc.sql("select count(*) from account where owner = :client and kind = 'CUSTOMER'")
                .param("client", client).query(Long.class).single();
    }

    /** The accounts the fence says this client's key opened. */
    List<UUID> withKey(String client, String key) {
        return jdbc.sql("""
                select a.id from idempotency_record r join account a on a.id = r.account_id
                where r.client = :client and r.idempotency_key = :key""")
                .param("client", client).param("key", key).query(UUID.class).list();
    }
}
