/**
 * How the engine makes evaluation fast without changing any answer: it wraps the meaning
 * ({@code io.detectionhub.sigma.evaluation.match}), derives what it needs from the meaning's structure (probes of
 * string patterns, numbers and regular expressions; clauses of conditions) and never the reverse. Terms (probe, gate,
 * unit, clause, route) are in the glossary of the {@code match} package.
 * <ul>
 * <li>{@link io.detectionhub.sigma.evaluation.acceleration.RuleGating}: per event, the probe search of its route and
 * the rules whose necessary clauses it satisfies;</li>
 * <li>{@link io.detectionhub.sigma.evaluation.acceleration.GatedDetection}: a detection evaluated with the probe
 * search's findings, skipping maps known false;</li>
 * <li>{@code AcceleratedItem}: items answered through shortcuts with the same answers: many plain values at once
 * ({@code PlainLiterals}), regular expressions behind prefilters and remembered answers ({@code PrefilteredRegex},
 * {@code RegexPrefilter}, {@code ClassRun}, {@code RegexAnswers});</li>
 * <li>{@code probe}: the multi-pattern search itself.</li>
 * </ul>
 * {@code ProbeSearchDifferentialTest} runs the SigmaHQ corpus with and without all of this and requires the same
 * matches; the design and current figures are in {@code docs/performance.md}.
 */
package io.detectionhub.sigma.evaluation.acceleration;
