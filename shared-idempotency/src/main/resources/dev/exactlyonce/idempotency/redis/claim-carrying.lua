-- Completes the held records, then claims one: a single round trip and script call for both.
-- Follows owned.lua, complete.lua and claim.lua, whose functions it calls.
-- KEYS[1..n] held records, KEYS[n + 1] the record to claim
-- ARGV[4i - 3] .. ARGV[4i]: owner, fingerprint, snapshot and retention of held record i;
-- then fingerprint, owner, lease and retention of the claim.
-- Returns complete's answer for each held record, in order, followed by claim's reply.
local held = #KEYS - 1
local reply = {}
for i = 1, held do
    reply[i] = complete(KEYS[i], ARGV[4 * i - 3], ARGV[4 * i - 2], ARGV[4 * i - 1], ARGV[4 * i])
end
local base = 4 * held
for _, value in ipairs(claim(KEYS[held + 1], ARGV[base + 1], ARGV[base + 2], ARGV[base + 3], ARGV[base + 4])) do
    reply[#reply + 1] = value
end
return reply
