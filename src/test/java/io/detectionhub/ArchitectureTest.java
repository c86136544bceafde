package io.detectionhub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Package rules of Detection Hub. Add a rule as a constant and a test method that checks it (plain JUnit, so it runs
 * on any JUnit Platform version).
 */
class ArchitectureTest {

    /** The Sigma core is plain Java: no Spring, no Jakarta, nothing of the application features. */
    static final ArchRule SIGMA_CORE_IS_PLAIN_JAVA = noClasses()
            .that().resideInAPackage("io.detectionhub.sigma..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..")
            .because("io.detectionhub.sigma is a plain-Java library used by every feature");

    static final ArchRule SIGMA_CORE_DEPENDS_ONLY_ON_ITSELF = noClasses()
            .that().resideInAPackage("io.detectionhub.sigma..")
            .should().dependOnClassesThat(DescribedPredicate.describe(
                    "are in io.detectionhub outside io.detectionhub.sigma",
                    (JavaClass c) -> isIn(c, "io.detectionhub") && !isIn(c, "io.detectionhub.sigma")))
            .because("the Sigma core must not know the application features");

    static final ArchRule SIGMA_MODEL_DEPENDS_ON_NOTHING_ELSE_OF_OURS = noClasses()
            .that().resideInAPackage("io.detectionhub.sigma.model..")
            .should().dependOnClassesThat(DescribedPredicate.describe(
                    "are in io.detectionhub outside io.detectionhub.sigma.model",
                    (JavaClass c) -> isIn(c, "io.detectionhub") && !isIn(c, "io.detectionhub.sigma.model")))
            .because("the model is the shared vocabulary of parser, evaluation and KQL translation");

    private static JavaClasses classes;

    /** True when the class is in {@code packageName} or one of its sub-packages. */
    static boolean isIn(JavaClass c, String packageName) {
        return c.getPackageName().equals(packageName) || c.getPackageName().startsWith(packageName + ".");
    }

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.detectionhub");
    }

    @Test
    void sigmaCoreIsPlainJava() {
        SIGMA_CORE_IS_PLAIN_JAVA.check(classes);
    }

    @Test
    void sigmaCoreDependsOnlyOnItself() {
        SIGMA_CORE_DEPENDS_ONLY_ON_ITSELF.check(classes);
    }

    @Test
    void sigmaModelDependsOnNothingElseOfOurs() {
        SIGMA_MODEL_DEPENDS_ON_NOTHING_ELSE_OF_OURS.check(classes);
    }
}
