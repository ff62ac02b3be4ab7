package org.odop.pulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.odop.pulse.registry.TestSchemas.loi;
import static org.odop.pulse.registry.TestSchemas.loiWithRequiredCurrency;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.support.ApicurioRegistry;

/**
 * The registry contract against a real Apicurio Registry 2.4.2 (Confluent API at /apis/ccompat/v7), plus the
 * places where Apicurio knowingly differs from Confluent and from our stand-in, pinned so a change shows up.
 * One process for the class, emptied before each test (permanent deletes drop subjects, their rules and content).
 */
@DisplayName("Registry contract: RestSchemaRegistryClient against a real Apicurio Registry")
class ApicurioSchemaRegistryContractTest extends AbstractSchemaRegistryContract {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static ApicurioRegistry apicurio;

    @BeforeAll
    static void startApicurio() {
        apicurio = ApicurioRegistry.start(CompatibilityLevel.BACKWARD);
    }

    @AfterAll
    static void stopApicurio() {
        if (apicurio != null) {
            apicurio.close();
        }
    }

    @Override
    protected SchemaRegistryClient open() {
        apicurio.reset(CompatibilityLevel.BACKWARD); // what a fresh Confluent registry has
        return new RestSchemaRegistryClient(apicurio.url());
    }

    @Override
    protected SchemaRegistryClient freshClient() {
        return new RestSchemaRegistryClient(apicurio.url());
    }

    @Test
    @DisplayName("Apicurio difference: its 409 body carries error_code 0; the client goes by the HTTP status")
    void conflictErrorCodeZero() throws Exception {
        client.register("odop.lois.v1-value", loi());

        ApicurioRegistry.Response raw = apicurio.send("POST", "/subjects/odop.lois.v1-value/versions",
                body(loiWithRequiredCurrency()));
        SchemaRegistryException viaClient = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.register("odop.lois.v1-value", loiWithRequiredCurrency()));

        assertThat(raw.status()).isEqualTo(409);
        assertThat(raw.json().get("error_code").asInt()).isZero();
        assertThat(viaClient.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
    }

    @Test
    @DisplayName("Apicurio difference: a subject set to NONE loses its own rule, so the global level still applies")
    void subjectNoneMeansGlobal() {
        client.register("odop.lois.v1-value", loi());

        client.setCompatibility("odop.lois.v1-value", CompatibilityLevel.NONE);

        assertThat(client.getCompatibility("odop.lois.v1-value")).isEqualTo(CompatibilityLevel.NONE);
        SchemaRegistryException refused = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.register("odop.lois.v1-value", loiWithRequiredCurrency()));
        assertThat(refused.httpStatus()).isEqualTo(409); // Confluent and the stand-in would accept it
    }

    @Test
    @DisplayName("Apicurio difference: a subject without its own level reports NONE, not the global level it obeys")
    void subjectWithoutLevelReportsNone() {
        client.register("odop.lois.v1-value", loi());

        assertThat(client.getCompatibility("odop.lois.v1-value")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(catchThrowableOfType(SchemaRegistryException.class,
                () -> client.register("odop.lois.v1-value", loiWithRequiredCurrency())).httpStatus()).isEqualTo(409);
    }

    @Test
    @DisplayName("Apicurio difference: PUT global NONE when already NONE is 404 (it deletes a rule that is not there)")
    void globalNoneIsRuleDeletion() {
        apicurio.setGlobalCompatibility(CompatibilityLevel.NONE);

        ApicurioRegistry.Response raw = apicurio.send("PUT", "/config", "{\"compatibility\":\"NONE\"}");

        assertThat(raw.status()).isEqualTo(404);
        client.setCompatibility(null, CompatibilityLevel.NONE); // the client treats it as done
        assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.NONE);
    }

    @Test
    @DisplayName("Apicurio difference: the same schema in other whitespace is a new version (Confluent: same id)")
    void textNotCanonicalised() throws Exception {
        int id = client.register("odop.lois.v1-value", loi());

        ApicurioRegistry.Response pretty = apicurio.send("POST", "/subjects/odop.lois.v1-value/versions",
                MAPPER.writeValueAsString(Map.of("schema", loi().toString(true))));

        assertThat(pretty.status()).isEqualTo(200);
        assertThat(pretty.json().get("id").asInt()).isNotEqualTo(id);
        assertThat(client.versions("odop.lois.v1-value")).containsExactly(1, 2);
        // Our serializers always send Avro's compact text, so they never trip over this.
        assertThat(freshClient().register("odop.lois.v1-value", loi())).isEqualTo(id);
    }

    @Test
    @DisplayName("Apicurio difference: raw 40402 for the latest version of an unknown subject; the client reports 40401")
    void unknownSubjectRawCode() {
        ApicurioRegistry.Response raw = apicurio.send("GET", "/subjects/unknown-value/versions/latest", null);

        assertThat(raw.status()).isEqualTo(404);
        assertThat(raw.json().get("error_code").asInt()).isEqualTo(SchemaRegistryException.VERSION_NOT_FOUND);
        assertThat(catchThrowableOfType(SchemaRegistryException.class, () -> client.latest("unknown-value"))
                .errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND);
    }

    private static String body(Schema schema) throws Exception {
        return MAPPER.writeValueAsString(Map.of("schema", schema.toString()));
    }
}
