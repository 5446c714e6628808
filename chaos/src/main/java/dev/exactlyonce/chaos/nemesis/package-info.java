/** The nemesis: faults injected one at a time on a seeded random schedule, each healed before the next. */
package dev.exactlyonce.chaos.nemesis;
