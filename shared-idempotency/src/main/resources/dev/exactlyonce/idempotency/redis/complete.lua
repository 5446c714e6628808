-- Turns a PENDING record held by the given owner into a COMPLETED one.
-- Follows record.lua and owned.lua, whose functions it calls.
-- key: record key   owner: owner token (16 bytes)   fingerprint: request fingerprint (16 or 32 bytes, see record.lua)
-- snapshot: response snapshot   retention: in ms
-- Returns 1 when stored (the caller held the record), 2 when another execution holds it or completed it
-- (nothing is written), 3 when there was no record (flushed, or lost in a restart): the response is then
-- written as a new COMPLETED record, with NX so that it can never replace a claim made since.
-- A record whose reply the client acknowledged while it was still pending ('A') is deleted instead: the reply
-- reached the client, and nobody may ask for it again.
local function complete(key, owner, fingerprint, snapshot, retention)
    local _, found, state = owned(key, owner)
    if found == 1 and state == 'A' then
        redis.call('DEL', key)
    elseif found == 1 then
        redis.call('SET', key, letter('C', fingerprint) .. fingerprint .. snapshot, 'PX', retention)
    elseif found == 3 then
        redis.call('SET', key, letter('C', fingerprint) .. fingerprint .. snapshot, 'PX', retention, 'NX')
    end
    return found
end
