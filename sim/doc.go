// Package sim is a deterministic discrete-event simulation of a service system:
// Poisson traffic, a load balancer, pods with worker threads and bounded accept
// queues, and downstream dependencies reached through call-edge policies
// (circuit breaker, retry loop, timeout).
//
// Time is virtual. Events sit in a min-heap ordered by time and then by the
// order in which they were scheduled, so ties resolve the same way on every
// run. Randomness comes from generators seeded from one run seed, one stream
// per purpose, so a change to the system (say, a retry that draws an extra
// latency) never shifts the arrival times. The same Spec, seed and changes
// give identical metrics.
//
// The package never reads the wall clock or global randomness, and a Sim is
// not safe for concurrent use.
package sim
