package org.odop.pulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.odop.pulse.registry.TestSchemas.loi;
import static org.odop.pulse.registry.TestSchemas.loiWithRequiredCurrency;
import static org.odop.pulse.registry.TestSchemas.loiWithoutHsCode;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.ShipmentEvent;

/** What every {@link SchemaRegistryClient} must do; run against the in-memory registry and over REST. */
abstract class AbstractSchemaRegistryContract {

    protected SchemaRegistryClient client;

    /** A client on a fresh, empty registry. */
    protected abstract SchemaRegistryClient open() throws Exception;

    protected void closeRegistry() throws Exception {
    }

    /** Another client on the same registry, with empty caches, so reads really reach the registry. */
    protected SchemaRegistryClient freshClient() {
        return client;
    }

    @BeforeEach
    void setUp() throws Exception {
        client = open();
    }

    @AfterEach
    void tearDown() throws Exception {
        closeRegistry();
    }

    @Test
    @DisplayName("register then re-register returns the same id and one version")
    void registerAndReRegister() {
        int id = client.register("odop.lois.v1-value", loi());

        assertThat(client.register("odop.lois.v1-value", new Schema.Parser().parse(loi().toString()))).isEqualTo(id);
        assertThat(client.versions("odop.lois.v1-value")).containsExactly(1);
        assertThat(client.subjects()).containsExactly("odop.lois.v1-value");
    }

    @Test
    @DisplayName("the same schema under two subjects shares one id")
    void idsShared() {
        int a = client.register("a-value", District.getClassSchema());
        int b = client.register("b-value", District.getClassSchema());
        int c = client.register("c-value", ShipmentEvent.getClassSchema());

        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    @DisplayName("clients registering one schema at once, under one subject and under others, all get its one id")
    void concurrentRegistrations() throws Exception {
        // As the stream threads of one or more instances do on their first record for a repartition or changelog
        // topic. Each thread has its own client, so no cache hides the registry's answer.
        int threads = 4;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Integer>> ids = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                SchemaRegistryClient own = freshClient();
                String subject = i % 2 == 0 ? "app-loi-versions-changelog-value" : "app-loi-changes-repartition-value";
                ids.add(pool.submit(() -> {
                    start.await();
                    return own.register(subject, loi());
                }));
            }
            start.countDown();
            java.util.Set<Integer> distinct = new java.util.HashSet<>();
            for (var id : ids) distinct.add(id.get(60, java.util.concurrent.TimeUnit.SECONDS));

            assertThat(distinct).hasSize(1);
            // Every version under each subject is that one schema. (Apicurio, racing with itself, may record the same
            // schema twice as versions 1 and 2; the id, which is what records carry, is the same.)
            for (String subject : java.util.List.of("app-loi-versions-changelog-value", "app-loi-changes-repartition-value")) {
                assertThat(client.versions(subject)).isNotEmpty().allSatisfy(v ->
                        assertThat(client.version(subject, v).id()).as(subject + " version " + v).isIn(distinct));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("a schema fetched by id equals the one registered")
    void fetchById() {
        int id = client.register("odop.lois.v1-value", loi());

        SchemaRegistryClient reader = freshClient();
        assertThat(reader.getById(id)).isEqualTo(loi());
        assertThat(reader.getById(id).toString()).isEqualTo(loi().toString());
    }

    @Test
    @DisplayName("latest and numbered versions report subject, version, id and schema")
    void latestVersion() {
        int v1 = client.register("odop.lois.v1-value", loiWithoutHsCode());
        int v2 = client.register("odop.lois.v1-value", loi());

        SchemaRegistryClient reader = freshClient();
        assertThat(reader.latest("odop.lois.v1-value"))
                .isEqualTo(new RegisteredSchema("odop.lois.v1-value", 2, v2, loi()));
        assertThat(reader.version("odop.lois.v1-value", 1))
                .isEqualTo(new RegisteredSchema("odop.lois.v1-value", 1, v1, loiWithoutHsCode()));
        assertThat(reader.versions("odop.lois.v1-value")).containsExactly(1, 2);
    }

    @Test
    @DisplayName("re-registering an earlier version returns its id and adds no version")
    void reRegisterEarlierVersion() {
        int v1 = client.register("odop.lois.v1-value", loiWithoutHsCode());
        client.register("odop.lois.v1-value", loi());

        assertThat(freshClient().register("odop.lois.v1-value", loiWithoutHsCode())).isEqualTo(v1);
        assertThat(client.versions("odop.lois.v1-value")).containsExactly(1, 2);
    }

    @Test
    @DisplayName("lookup finds the version holding a schema and is empty for unknown subject or schema")
    void lookup() {
        int v1 = client.register("odop.lois.v1-value", loiWithoutHsCode());
        client.register("odop.lois.v1-value", loi());

        assertThat(client.lookup("odop.lois.v1-value", loiWithoutHsCode()))
                .contains(new RegisteredSchema("odop.lois.v1-value", 1, v1, loiWithoutHsCode()));
        assertThat(client.lookup("odop.lois.v1-value", District.getClassSchema())).isEmpty();
        assertThat(client.lookup("unknown-value", loi())).isEmpty();
    }

    @Test
    @DisplayName("compatibility check: optional field compatible, new required field not, empty subject anything")
    void compatibilityCheck() {
        client.register("odop.lois.v1-value", loiWithoutHsCode());

        assertThat(client.isCompatible("odop.lois.v1-value", loi())).isTrue();
        assertThat(client.isCompatible("odop.lois.v1-value", loiWithRequiredCurrency())).isFalse();
        assertThat(client.isCompatible("unknown-value", District.getClassSchema())).isTrue();
    }

    @Test
    @DisplayName("an incompatible registration is refused with HTTP 409, and a subject level that allows it lets it through")
    void incompatibleRefused() {
        client.register("odop.lois.v1-value", loi());

        SchemaRegistryException refused = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.register("odop.lois.v1-value", loiWithRequiredCurrency()));

        assertThat(refused.httpStatus()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
        assertThat(client.versions("odop.lois.v1-value")).containsExactly(1);

        // FORWARD, not NONE: Apicurio treats a subject's NONE as "no rule of its own", so the global level applies.
        client.setCompatibility("odop.lois.v1-value", CompatibilityLevel.FORWARD);
        assertThat(client.getCompatibility("odop.lois.v1-value")).isEqualTo(CompatibilityLevel.FORWARD);
        assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);
        client.register("odop.lois.v1-value", loiWithRequiredCurrency());
        assertThat(client.versions("odop.lois.v1-value")).containsExactly(1, 2);
    }

    @Test
    @DisplayName("a level set on a subject before its first version is kept and enforced")
    void levelBeforeFirstVersion() {
        client.setCompatibility(null, CompatibilityLevel.FORWARD);
        client.setCompatibility("odop.lois.v1-value", CompatibilityLevel.BACKWARD);
        client.register("odop.lois.v1-value", loi());

        assertThat(client.getCompatibility("odop.lois.v1-value")).isEqualTo(CompatibilityLevel.BACKWARD);
        SchemaRegistryException refused = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.register("odop.lois.v1-value", loiWithRequiredCurrency()));
        assertThat(refused.httpStatus()).isEqualTo(409);
        assertThat(client.versions("odop.lois.v1-value")).containsExactly(1);
    }

    @Test
    @DisplayName("global compatibility can be changed and is inherited by subjects without their own")
    void globalCompatibility() {
        client.setCompatibility(null, CompatibilityLevel.FULL_TRANSITIVE);

        assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(client.getCompatibility("any-value")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
    }

    @Test
    @DisplayName("setting the global level to NONE when it already is NONE succeeds")
    void globalNoneTwice() {
        client.setCompatibility(null, CompatibilityLevel.NONE);
        client.setCompatibility(null, CompatibilityLevel.NONE);

        assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.NONE);
    }

    @Test
    @DisplayName("an unknown subject is 404 / 40401 for its latest version, a numbered version and its version list")
    void unknownSubject() {
        client.register("known-value", loi());

        for (Runnable call : new Runnable[] {() -> client.latest("unknown-value"),
                () -> client.version("unknown-value", 1), () -> client.versions("unknown-value")}) {
            SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, call::run);

            assertThat(e.httpStatus()).isEqualTo(404);
            assertThat(e.errorCode()).as(e.getMessage()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND);
        }
    }

    @Test
    @DisplayName("an unknown version is 404 / 40402")
    void unknownVersion() {
        client.register("odop.lois.v1-value", loi());

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.version("odop.lois.v1-value", 7));

        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.VERSION_NOT_FOUND);
    }

    @Test
    @DisplayName("an unknown schema id is 404 / 40403")
    void unknownId() {
        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, () -> client.getById(4711));

        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
    }
}
