package io.detectionhub.library;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Loads the project's own starter rules (with their enrichment) through {@link RuleService} when the library is empty
 * at start-up. Off with {@code detectionhub.starter-library.enabled=false}.
 */
@Component
@ConditionalOnProperty(name = "detectionhub.starter-library.enabled", havingValue = "true", matchIfMissing = true)
class StarterLibrary implements ApplicationRunner {

    static final String LOCATION = "classpath:io/detectionhub/library/starter/*.yml";

    private static final Logger log = LoggerFactory.getLogger(StarterLibrary.class);

    private final RuleService rules;
    private final EnrichmentJson json;

    StarterLibrary(RuleService rules, EnrichmentJson json) {
        this.rules = rules;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (rules.count() > 0) {
            return;
        }
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources(LOCATION);
        Arrays.sort(resources, Comparator.comparing(Resource::getFilename));
        int loaded = 0;
        for (Resource yaml : resources) {
            Resource enrichment = yaml.createRelative(yaml.getFilename().replaceFirst("\\.yml$", ".enrichment.json"));
            try {
                rules.create(read(yaml), enrichment.exists() ? json.read(read(enrichment)) : null);
                loaded++;
            } catch (DuplicateRuleException e) {
                // Another instance loaded it at the same moment.
            }
        }
        log.info("Loaded {} starter rule(s) into the empty library", loaded);
    }

    private static String read(Resource resource) {
        try {
            return resource.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
