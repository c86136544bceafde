package io.detectionhub.translate.web;

import io.detectionhub.security.ViewerRole;
import io.detectionhub.translate.TargetService;
import io.detectionhub.translate.UnknownTargetException;
import io.detectionhub.translate.custom.CustomTargetService;
import io.detectionhub.web.ETags;
import io.detectionhub.web.YamlMediaTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/** Discovery of the KQL targets: their logsources, tables and the Sigma fields each maps. */
@RestController
@Tag(name = "KQL targets")
class TargetApiController {

    private final TargetService targets;
    private final CustomTargetService userTargets;

    TargetApiController(TargetService targets, CustomTargetService userTargets) {
        this.targets = targets;
        this.userTargets = userTargets;
    }

    @ViewerRole
    @GetMapping(path = "/api/targets", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The KQL targets",
            description = "Each target with the logsources it supports (and the table each goes to) and, per table, "
                    + "the Sigma fields it maps to columns. columns=true adds every table column with its KQL type. "
                    + "The generic target 'custom' (target=custom&table=NAME) sends every logsource to one table and "
                    + "passes field names through.")
    List<TargetResponse> list(@RequestParam(defaultValue = "false") boolean columns) {
        List<TargetResponse> result = new ArrayList<>(targets.all().stream()
                .map(t -> TargetResponse.of(t, columns)).toList());
        result.add(TargetResponse.of(io.detectionhub.sigma.kql.target.Target.custom("NAME"), false));
        return result;
    }

    @ViewerRole
    @GetMapping(path = "/api/targets/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One KQL target, with its table columns",
            description = "A user-defined target's answer carries its version as ETag (send it as If-Match to change "
                    + "or delete it).")
    ResponseEntity<TargetResponse> get(@PathVariable String name) {
        TargetResponse target = TargetResponse.of(targets.find(name).orElseThrow(
                () -> UnknownTargetException.among(name, targets.names())), true);
        return withVersion(ResponseEntity.ok(), name).body(target);
    }

    @ViewerRole
    @GetMapping(path = "/api/targets/{name}.yml")
    @Operation(summary = "A target's definition (YAML), to copy and change into your own target")
    ResponseEntity<String> definition(@PathVariable String name) {
        String yaml = targets.definition(name).orElseThrow(
                () -> UnknownTargetException.among(name, targets.names()));
        return withVersion(ResponseEntity.ok(), name).contentType(YamlMediaTypes.YAML_UTF8).body(yaml);
    }

    /** The ETag of a user-defined target (built-in targets are not versioned). */
    private ResponseEntity.BodyBuilder withVersion(ResponseEntity.BodyBuilder response, String name) {
        userTargets.find(name).ifPresent(stored -> response.eTag(ETags.of(stored.current().version())));
        return response;
    }

}
