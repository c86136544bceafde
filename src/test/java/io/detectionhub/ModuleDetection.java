package io.detectionhub;

import org.springframework.modulith.core.ApplicationModuleDetectionStrategy;
import org.springframework.modulith.core.ApplicationModuleInformation;
import org.springframework.modulith.core.JavaPackage;
import org.springframework.modulith.core.NamedInterfaces;

import java.util.stream.Stream;

/**
 * How Spring Modulith finds Detection Hub's modules (configured as {@code spring.modulith.detection-strategy} in the
 * test configuration): every direct sub-package of {@code io.detectionhub} is a module, as by default. The Sigma core
 * {@code io.detectionhub.sigma} is a plain-Java library, free of Spring annotations (ArchitectureTest checks it), so it
 * cannot declare itself open in a {@code package-info.java}: here every type of it is its API instead.
 */
public class ModuleDetection implements ApplicationModuleDetectionStrategy {

    static final String SIGMA_CORE = "io.detectionhub.sigma";

    @Override
    public Stream<JavaPackage> getModuleBasePackages(JavaPackage rootPackage) {
        return ApplicationModuleDetectionStrategy.directSubPackage().getModuleBasePackages(rootPackage);
    }

    @Override
    public NamedInterfaces detectNamedInterfaces(JavaPackage basePackage, ApplicationModuleInformation information) {
        return basePackage.getName().equals(SIGMA_CORE) ? NamedInterfaces.forOpen(basePackage)
                : ApplicationModuleDetectionStrategy.super.detectNamedInterfaces(basePackage, information);
    }
}
