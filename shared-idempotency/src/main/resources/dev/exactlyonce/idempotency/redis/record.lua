-- A record is one string: a state letter, the request's fingerprint, then what the state needs.
--   'p' .. fingerprint .. owner (16 bytes) .. lease end (ms, Redis clock, decimal)   PENDING
--   'a' .. the same                                                                PENDING, reply acknowledged
--   'c' .. fingerprint .. response snapshot                                        COMPLETED
-- The fingerprint kept is the first 16 bytes of the request's SHA-256: telling a retry from a different request
-- under the same key needs no more (even a client choosing both requests needs 2^64 tries for a collision, and
-- could only confuse its own key), and it is a tenth of a small completed record.
-- Records written before this layout use upper-case letters and the whole 32-byte fingerprint; they are still
-- read, and any record that changes state is rewritten in this layout.
local fingerprintLength = 16

-- The state of a record as an upper-case letter ('P', 'A' or 'C') and the position of its fingerprint's last byte.
local function layout(record)
    local letter = string.sub(record, 1, 1)
    local state = string.upper(letter)
    if letter == state then
        return state, 33
    end
    return state, 1 + fingerprintLength
end

-- The fingerprint as this layout stores it, from the request's whole one or from a record of either layout.
local function storedFingerprint(fingerprint)
    return string.sub(fingerprint, 1, fingerprintLength)
end
