package io.detectionhub.audit;

import java.time.Instant;

/**
 * One entry of the audit log.
 *
 * @param actor         who: the authenticated principal ({@code alice}, {@code api-key:ci}, {@code system},
 *                      {@code anonymous} for failed sign-ins)
 * @param action        what, as {@code <object>.<verb>}: {@code rule.created}, {@code sign-in.failed}, ...
 * @param objectType    {@code rule}, {@code target}, {@code catalogue}, {@code user}, {@code api-key}, {@code session}
 * @param objectId      the rule id, target name, catalogue kind, user name, key id, or the name tried
 * @param summary       a short sentence, never a secret
 * @param remoteAddress the caller's address ({@code unknown} outside of a request)
 */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String objectType, String objectId,
                         String summary, String remoteAddress) {
}
