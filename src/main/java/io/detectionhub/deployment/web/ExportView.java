package io.detectionhub.deployment.web;

import io.detectionhub.deployment.ExportJob;

import java.time.Instant;

/** A background export as the API shows it, with the addresses of its page and zip. */
record ExportView(String id, String status, String format, String target, String selection, int total, int done,
                  int percent, int exported, int leftOut, String message, String createdBy, Instant createdAt,
                  Instant updatedAt, String page, String zip) {

    static ExportView of(ExportJob j) {
        return new ExportView(j.id(), j.status(), j.format(), j.target(), j.selection(), j.total(), j.done(),
                j.percent(), j.exported(), j.leftOut(), j.message(), j.createdBy(), j.createdAt(), j.updatedAt(),
                "/deploy/exports/" + j.id(), ExportJob.DONE.equals(j.status()) ? "/api/deploy/exports/" + j.id() + "/zip" : null);
    }

    static String selection(io.detectionhub.library.RuleSearch search,
                            io.detectionhub.deployment.DeployedRevision revision) {
        StringBuilder sb = new StringBuilder();
        search.parameters().forEach((name, values) -> {
            if (!name.equals("page") && !name.equals("size") && !name.equals("sort")) {
                values.forEach(v -> sb.append(sb.isEmpty() ? "" : "&").append(name).append('=').append(v));
            }
        });
        return sb.append(sb.isEmpty() ? "" : "&").append("revision=").append(revision.keyword()).toString();
    }
}
