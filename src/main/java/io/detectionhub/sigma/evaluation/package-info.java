/**
 * Evaluates Sigma rules, correlation rules and filters against events and explains each match: plain Java, usable
 * without Spring. {@link io.detectionhub.sigma.evaluation.EvaluationEngine} compiles documents once and evaluates
 * event streams ({@link io.detectionhub.sigma.evaluation.EvaluationEngine.Run}); events are read by the {@code event}
 * package. Per event: the logsource route ({@code LogSourceRouter}), the probe search's selection of rules
 * ({@code acceleration}), then each selected rule's detection and filters, whose meaning is defined in {@code match}
 * (glossary and modifier table in its {@code package-info}); matches feed correlation rules
 * ({@code CorrelationLinker}, {@code CorrelationWindows}).
 */
package io.detectionhub.sigma.evaluation;
