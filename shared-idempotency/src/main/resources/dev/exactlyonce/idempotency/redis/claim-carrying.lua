-- Completes the records held back by the completion window, so that the claim after them shares their round
-- trip and script call. Follows owned.lua and complete.lua, whose functions it calls.
-- KEYS[1..held] the held records; ARGV[4i - 3] .. ARGV[4i]: owner, fingerprint, snapshot and retention of
-- held record i. The claim's keys and arguments follow theirs; the timer sends held records without a claim.
-- On a Redis Cluster every key of one call is in one slot (the store groups them so).
-- Returns complete's answer for each held record, in order; the caller appends the claim's reply.
local function completeHeld(held)
    local reply = {}
    for i = 1, held do
        reply[i] = complete(KEYS[i], ARGV[4 * i - 3], ARGV[4 * i - 2], ARGV[4 * i - 1], ARGV[4 * i])
    end
    return reply
end

local function append(reply, values)
    for _, value in ipairs(values) do
        reply[#reply + 1] = value
    end
    return reply
end
