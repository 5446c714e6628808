-- Completes the held records, then claims one: a single round trip and script call for both.
-- Follows complete.lua and claim.lua, whose functions it calls.
-- KEYS[1..n] held records, KEYS[n + 1] the record to claim
-- ARGV[3i - 2], ARGV[3i - 1], ARGV[3i]: owner, snapshot and retention of held record i;
-- then fingerprint, owner, lease and retention of the claim.
-- Returns complete's answer for each held record, in order, followed by claim's reply.
local held = #KEYS - 1
local reply = {}
for i = 1, held do
    reply[i] = complete(KEYS[i], ARGV[3 * i - 2], ARGV[3 * i - 1], ARGV[3 * i])
end
local base = 3 * held
for _, value in ipairs(claim(KEYS[held + 1], ARGV[base + 1], ARGV[base + 2], ARGV[base + 3], ARGV[base + 4])) do
    reply[#reply + 1] = value
end
return reply
