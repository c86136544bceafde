/**
 * The shared multi-pattern search ({@link io.detectionhub.sigma.evaluation.acceleration.probe.ProbeIndex}): finds,
 * field by field, every probe of a route that holds in an event (hash lookups for exact values, character tries for
 * prefixes and suffixes, q-gram, skip and Aho-Corasick searches for contains probes, a bounded memo of repeated
 * values), and which units that opens ({@link io.detectionhub.sigma.evaluation.acceleration.probe.ProbeHits}).
 */
package io.detectionhub.sigma.evaluation.acceleration.probe;
