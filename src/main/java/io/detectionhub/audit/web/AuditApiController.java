package io.detectionhub.audit.web;

import io.detectionhub.audit.AuditEntry;
import io.detectionhub.audit.AuditLog;
import io.detectionhub.security.AdminRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The audit log over the API, for admins: the same filters as the page, newest first, paged. */
@RestController
@Tag(name = "Audit log", description = "Who changed what, when and from where; sign-ins. Admins only.")
class AuditApiController {

    /** One page of the audit log. */
    record AuditPage(List<AuditEntry> items, int page, int size, long total, long totalPages) {
    }

    private final AuditLog log;

    AuditApiController(AuditLog log) {
        this.log = log;
    }

    @GetMapping(path = "/api/admin/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    @AdminRole
    @Operation(summary = "Read the audit log",
            description = "Filters: actor (exact: alice, api-key:ci, system, anonymous), action (exact, or a prefix "
                    + "ending in '.': rule., sign-in.), objectType (rule, target, catalogue, user, api-key, session), "
                    + "objectId, from/to (a date or an instant; to is exclusive). page from 0, size up to 200.")
    AuditPage read(@ParameterObject @ModelAttribute AuditFilter filter) {
        AuditLog.Page page = log.search(filter.query(), filter.pageNumber(), filter.pageSize());
        return new AuditPage(page.entries(), page.page(), page.size(), page.total(),
                (page.total() + page.size() - 1) / page.size());
    }
}
