/**
 * The audit log: who changed what, when and from where, for every change (rules, enrichment, exceptions, rule tests, targets,
 * catalogues, accounts, API keys) and every sign-in, sign-in failure and sign-out. It listens to the other modules'
 * events synchronously, so each entry is written in the transaction of its change; the table is append-only. Admins read it
 * on a page and over the API ({@code audit.web}). Nothing depends on this module.
 */
@ApplicationModule(displayName = "Audit log", allowedDependencies = {"web", "security", "library", "library :: exceptions", "translate",
        "attack", "ruletests", "sources"})
package io.detectionhub.audit;

import org.springframework.modulith.ApplicationModule;
