package io.detectionhub;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(DetectionHubApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.forEach(System.out::println);
        MODULES.verify();
    }
}
