-- A record is one string: a state letter, the request's fingerprint, then what the state needs.
--   'p' .. fingerprint .. owner (16 bytes) .. lease end (ms, Redis clock, decimal)   PENDING
--   'a' .. the same                                                                PENDING, reply acknowledged
--   'c' .. fingerprint .. response snapshot                                        COMPLETED
-- The fingerprint kept is the first 16 bytes of the request's SHA-256: telling a retry from a different request
-- under the same key needs no more (even a client choosing both requests needs 2^64 tries for a collision, and
-- could only confuse its own key), and it is a tenth of a small completed record.
-- Earlier builds of the starter (those since record keys got their Redis Cluster hash tags) wrote upper-case
-- letters and the whole 32-byte fingerprint, and read nothing else. Every script reads both layouts, and writes the
-- one of the fingerprint it is given: the store passes 32 bytes while it is told to write what those builds read
-- (during a rolling upgrade), 16 bytes otherwise.
local compactFingerprint = 16

-- The state of a record as an upper-case letter ('P', 'A' or 'C') and the position of its fingerprint's last byte.
local function layout(record)
    local letter = string.sub(record, 1, 1)
    local state = string.upper(letter)
    if letter == state then
        return state, 33
    end
    return state, 1 + compactFingerprint
end

-- Whether a record's fingerprint, ending at fingerprintEnd, is the given one: the two layouts keep 16 or 32 bytes of
-- the same SHA-256, so the shorter of the two is compared.
local function sameFingerprint(record, fingerprintEnd, fingerprint)
    local length = math.min(fingerprintEnd - 1, #fingerprint)
    return string.sub(record, 2, 1 + length) == string.sub(fingerprint, 1, length)
end

-- A state's letter ('P', 'A' or 'C') in the layout that the given fingerprint is written in.
local function letter(state, fingerprint)
    if #fingerprint == compactFingerprint then
        return string.lower(state)
    end
    return state
end
