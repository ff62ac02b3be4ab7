package org.odop.pulse.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Which package may use which, on the compiled main classes (ArchUnit). Domain values are at the bottom and
 * every layer imports them; store reads, ingest, serving and metrics import the domain and the stores, never
 * each other; only the HTTP layer puts serving, ingest and security together, and only the runtime and the
 * command line start things.
 */
class PackageDependenciesTest {
    private static final String P = "org.odop.pulse.";
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.odop.pulse");
    }

    @Test
    @DisplayName("the domain package depends on no other package of the application")
    void domainIsTheBottom() {
        noClasses().that().resideInAPackage(P + "domain..")
                .should().dependOnClassesThat().resideInAnyPackage(P + "serving..", P + "metrics..", P + "ingest..",
                        P + "store..", P + "topology..", P + "http..", P + "runtime..", P + "cli..", P + "security..",
                        P + "config..", P + "deadletter..", P + "bench..", P + "demo..", P + "registry..")
                .check(main);
    }

    @Test
    @DisplayName("serving, metrics and ingest import the domain, not each other")
    void servingMetricsAndIngestAreApart() {
        noClasses().that().resideInAPackage(P + "serving..")
                .should().dependOnClassesThat().resideInAnyPackage(P + "metrics..", P + "ingest..", P + "http..")
                .check(main);
        noClasses().that().resideInAPackage(P + "metrics..")
                .should().dependOnClassesThat().resideInAnyPackage(P + "serving..", P + "ingest..", P + "http..")
                .check(main);
        noClasses().that().resideInAPackage(P + "ingest..")
                .should().dependOnClassesThat().resideInAnyPackage(P + "serving..", P + "metrics..", P + "http..")
                .check(main);
    }

    @Test
    @DisplayName("store reads and the topologies know nothing of serving, metrics or HTTP")
    void lowerLayersDoNotImportUpper() {
        noClasses().that().resideInAnyPackage(P + "store..", P + "topology..")
                .should().dependOnClassesThat().resideInAnyPackage(P + "serving..", P + "metrics..", P + "http..",
                        P + "runtime..", P + "cli..")
                .check(main);
        noClasses().that().resideInAPackage(P + "config..")
                .should().dependOnClassesThat().resideInAnyPackage(P + "runtime..", P + "cli..", P + "serving..")
                .check(main);
    }

    @Test
    @DisplayName("only the command line, the benchmark and the demo feed (which makes its own Kafka clients) use the runtime; nothing imports the command line")
    void runtimeAndCliAreTheTop() {
        noClasses().that().resideOutsideOfPackages(P + "runtime..", P + "cli..", P + "bench..", P + "demo..")
                .should().dependOnClassesThat().resideInAnyPackage(P + "runtime..")
                .check(main);
        noClasses().that().resideOutsideOfPackage(P + "cli..")
                .should().dependOnClassesThat().resideInAPackage(P + "cli..")
                .check(main);
    }
}
