package org.odop.pulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odop.pulse.registry.TestSchemas.loi;
import static org.odop.pulse.registry.TestSchemas.loiWithRequiredCurrency;
import static org.odop.pulse.registry.TestSchemas.loiWithoutHsCode;
import static org.odop.pulse.registry.TestSchemas.withField;
import static org.odop.pulse.registry.TestSchemas.withoutField;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.internal.Measures;

@DisplayName("InMemorySchemaRegistry")
class InMemorySchemaRegistryTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    @DisplayName("registering the same schema twice returns the same id and adds no version")
    void registerIsIdempotent() {
        int first = registry.register("lois-value", loi());
        int again = registry.register("lois-value", new Schema.Parser().parse(loi().toString()));

        assertThat(again).isEqualTo(first);
        assertThat(registry.versions("lois-value")).containsExactly(1);
    }

    @Test
    @DisplayName("ids are global: the same schema has one id in every subject, different schemas get new ids")
    void idsAreSharedAcrossSubjects() {
        int a = registry.register("a-value", loi());
        int b = registry.register("b-value", loi());
        int measures = registry.register("a-key", Measures.getClassSchema());

        assertThat(b).isEqualTo(a);
        assertThat(measures).isNotEqualTo(a);
        assertThat(List.of(a, measures)).containsExactly(1, 2);
        assertThat(registry.subjects()).containsExactly("a-key", "a-value", "b-value");
        assertThat(registry.getById(a)).isEqualTo(loi());
    }

    @Test
    @DisplayName("each subject numbers its versions from 1, and re-registering an old version adds none")
    void versionsPerSubject() {
        int v1 = registry.register("lois-value", loiWithoutHsCode());
        int v2 = registry.register("lois-value", loi());

        assertThat(registry.versions("lois-value")).containsExactly(1, 2);
        assertThat(registry.latest("lois-value")).isEqualTo(new RegisteredSchema("lois-value", 2, v2, loi()));
        assertThat(registry.version("lois-value", 1).id()).isEqualTo(v1);
        assertThat(registry.register("lois-value", loiWithoutHsCode())).isEqualTo(v1);
        assertThat(registry.versions("lois-value")).containsExactly(1, 2);
        assertThat(registry.lookup("lois-value", loiWithoutHsCode())).get()
                .extracting(RegisteredSchema::version).isEqualTo(1);
    }

    @Test
    @DisplayName("under the default BACKWARD level an added optional field is accepted and a new required field refused")
    void backwardEvolution() {
        registry.register("lois-value", loiWithoutHsCode());

        assertThat(registry.getCompatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(registry.isCompatible("lois-value", loi())).isTrue();
        registry.register("lois-value", loi());

        assertThat(registry.isCompatible("lois-value", loiWithRequiredCurrency())).isFalse();
        assertThatThrownBy(() -> registry.register("lois-value", loiWithRequiredCurrency()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
                    assertThat(e.getMessage()).contains("lois-value").contains("currency");
                });
        assertThat(registry.versions("lois-value")).containsExactly(1, 2);
    }

    @Test
    @DisplayName("FORWARD refuses removing a required field that BACKWARD accepts")
    void forwardEvolution() {
        registry.register("fwd-value", loi());
        registry.register("bwd-value", loi());
        registry.setCompatibility("fwd-value", CompatibilityLevel.FORWARD);
        Schema withoutBuyer = withoutField(loi(), "buyer");

        assertThatThrownBy(() -> registry.register("fwd-value", withoutBuyer))
                .isInstanceOf(SchemaRegistryException.class)
                .extracting(e -> ((SchemaRegistryException) e).errorCode()).isEqualTo(409);
        assertThat(registry.register("bwd-value", withoutBuyer)).isPositive();
        assertThat(registry.versions("bwd-value")).containsExactly(1, 2);
    }

    @Test
    @DisplayName("BACKWARD_TRANSITIVE checks every version, BACKWARD only the latest")
    void transitiveChecksAllVersions() {
        Schema v2 = withoutField(loi(), "buyer");
        Schema v3 = withField(v2, "{\"name\":\"buyer\",\"type\":\"int\",\"default\":0}"); // string in v1
        for (String subject : List.of("plain-value", "transitive-value")) {
            registry.register(subject, loi());
            registry.register(subject, v2);
        }
        registry.setCompatibility("transitive-value", CompatibilityLevel.BACKWARD_TRANSITIVE);

        assertThat(registry.register("plain-value", v3)).isPositive();
        assertThatThrownBy(() -> registry.register("transitive-value", v3))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("version 1");
    }

    @Test
    @DisplayName("NONE on a subject allows any change there while the global level stays BACKWARD")
    void noneAllowsAnything() {
        registry.register("free-value", loi());
        registry.register("strict-value", loi());
        registry.setCompatibility("free-value", CompatibilityLevel.NONE);

        int districtId = registry.register("free-value", District.getClassSchema());

        assertThat(registry.latest("free-value").id()).isEqualTo(districtId);
        assertThat(registry.getCompatibility("free-value")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(registry.getCompatibility("strict-value")).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(registry.getCompatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThatThrownBy(() -> registry.register("strict-value", District.getClassSchema()))
                .isInstanceOf(SchemaRegistryException.class);
    }

    @Test
    @DisplayName("unknown subjects, versions and ids fail with Confluent's 40401, 40402 and 40403")
    void unknownThingsFail() {
        registry.register("lois-value", loi());

        assertThat(errorCode(() -> registry.latest("nope-value"))).isEqualTo(40401);
        assertThat(errorCode(() -> registry.versions("nope-value"))).isEqualTo(40401);
        assertThat(errorCode(() -> registry.version("lois-value", 2))).isEqualTo(40402);
        assertThat(errorCode(() -> registry.getById(99))).isEqualTo(40403);
        assertThat(registry.lookup("nope-value", loi())).isEmpty();
        assertThat(registry.lookup("lois-value", loiWithoutHsCode())).isEmpty();
        assertThat(registry.isCompatible("nope-value", District.getClassSchema())).isTrue();
    }

    @Test
    @DisplayName("a registry reopened on the same file has the same ids, versions and levels, and continues numbering")
    void persistenceSurvivesRestart(@TempDir Path dir) {
        Path file = dir.resolve("registry").resolve("schemas.json");
        InMemorySchemaRegistry first = new InMemorySchemaRegistry(file);
        first.register("measures-value", Measures.getClassSchema());
        int v1 = first.register("lois-value", loiWithoutHsCode());
        int v2 = first.register("lois-value", loi());
        first.setCompatibility("lois-value", CompatibilityLevel.FULL);
        first.setCompatibility(null, CompatibilityLevel.FORWARD);
        first.setCompatibility("not-yet-value", CompatibilityLevel.NONE);

        InMemorySchemaRegistry reopened = new InMemorySchemaRegistry(file);

        assertThat(reopened.register("lois-value", loi())).isEqualTo(v2);
        assertThat(reopened.lookup("lois-value", loiWithoutHsCode())).get()
                .isEqualTo(new RegisteredSchema("lois-value", 1, v1, loiWithoutHsCode()));
        assertThat(reopened.getById(v2)).isEqualTo(loi());
        assertThat(reopened.subjects()).containsExactly("lois-value", "measures-value");
        assertThat(reopened.getCompatibility("lois-value")).isEqualTo(CompatibilityLevel.FULL);
        assertThat(reopened.getCompatibility("not-yet-value")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(reopened.getCompatibility(null)).isEqualTo(CompatibilityLevel.FORWARD);
        assertThat(reopened.register("districts-value", District.getClassSchema())).isEqualTo(4);
        assertThat(onlyFileIn(file.getParent())).isEqualTo(file);
    }

    @Test
    @DisplayName("if the file cannot be written the change is refused (50001) and memory is left as it was")
    void failedWriteRollsBack(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-directory"), "x");
        InMemorySchemaRegistry broken = new InMemorySchemaRegistry(blocker.resolve("schemas.json"));

        assertThat(errorCode(() -> broken.register("lois-value", loi()))).isEqualTo(50001);
        assertThat(broken.subjects()).isEmpty();
        assertThat(errorCode(() -> broken.getById(1))).isEqualTo(40403);
        assertThat(errorCode(() -> broken.setCompatibility(null, CompatibilityLevel.NONE))).isEqualTo(50001);
        assertThat(broken.getCompatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    @DisplayName("concurrent registrations of one schema yield one id and one version")
    void concurrentRegistration() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                tasks.add(() -> {
                    start.await();
                    return registry.register("lois-value", new Schema.Parser().parse(loi().toString()));
                });
            }
            List<Future<Integer>> futures = new ArrayList<>();
            tasks.forEach(t -> futures.add(pool.submit(t)));
            start.countDown();
            List<Integer> ids = new ArrayList<>();
            for (Future<Integer> f : futures) {
                ids.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(ids).containsOnly(1);
            assertThat(registry.versions("lois-value")).containsExactly(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static int errorCode(Runnable call) {
        try {
            call.run();
        } catch (SchemaRegistryException e) {
            return e.errorCode();
        }
        throw new AssertionError("expected a SchemaRegistryException");
    }

    private static Path onlyFileIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
