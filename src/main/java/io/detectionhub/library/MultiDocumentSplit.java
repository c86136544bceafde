package io.detectionhub.library;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * At start-up, splits rules stored whole from a multi-document file before every document became an entry of its own
 * (issue 17: the second rule of such a file had no page but fired in evaluation). Only texts with a document
 * separator are read, so a library without them costs one query. Safe with several instances starting at once: a
 * split that loses a race fails on its own transaction and is logged.
 */
@Component
class MultiDocumentSplit implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(MultiDocumentSplit.class);

    private final RuleService rules;

    MultiDocumentSplit(RuleService rules) {
        this.rules = rules;
    }

    @Override
    public void run(ApplicationArguments args) {
        int split = 0;
        for (String id : rules.idsWithSeveralDocuments()) {
            try {
                List<String> created = rules.splitStoredMultiDocument(id);
                if (!created.isEmpty()) {
                    split++;
                    log.info("Split the multi-document rule {}: its other documents are now the rules {}", id, created);
                }
            } catch (RuntimeException e) {
                log.warn("Could not split the multi-document rule {}: {}", id, e.getMessage());
            }
        }
        if (split > 0) {
            log.info("Split {} multi-document rule(s) stored before every document became a rule of its own", split);
        }
    }
}
