package org.odop.pulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.odop.pulse.registry.TestSchemas.loi;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Registry contract: RestSchemaRegistryClient against SchemaRegistryServer on 127.0.0.1")
class RestSchemaRegistryContractTest extends AbstractSchemaRegistryContract {

    private SchemaRegistryServer server;

    @Override
    protected SchemaRegistryClient open() {
        server = new SchemaRegistryServer(new InMemorySchemaRegistry(), "127.0.0.1", 0).start();
        return new RestSchemaRegistryClient(server.url());
    }

    @Override
    protected void closeRegistry() {
        server.close();
    }

    @Override
    protected SchemaRegistryClient freshClient() {
        return new RestSchemaRegistryClient(server.url());
    }

    @Test
    @DisplayName("repeated register, lookup and getById are answered from the cache without HTTP calls")
    void cachesAvoidHttp() {
        int id = client.register("odop.lois.v1-value", loi());
        client.lookup("odop.lois.v1-value", loi());
        client.getById(id);
        long before = server.requestCount();

        for (int i = 0; i < 50; i++) {
            assertThat(client.register("odop.lois.v1-value", loi())).isEqualTo(id);
            assertThat(client.getById(id)).isEqualTo(loi());
            assertThat(client.lookup("odop.lois.v1-value", loi())).isPresent();
        }

        assertThat(server.requestCount()).isEqualTo(before);
    }

    @Test
    @DisplayName("a base URL with a trailing slash works")
    void trailingSlash() {
        RestSchemaRegistryClient slashed = new RestSchemaRegistryClient(server.url() + "/");

        int id = slashed.register("x-value", loi());

        assertThat(client.getById(id)).isEqualTo(loi());
    }

    @Test
    @DisplayName("a base URL with a path prefix (as /apis/ccompat/v7) works")
    void pathPrefix() {
        try (SchemaRegistryServer prefixed = new SchemaRegistryServer(new InMemorySchemaRegistry(), "127.0.0.1", 0,
                "/apis/ccompat/v7").start()) {
            assertThat(prefixed.url()).endsWith("/apis/ccompat/v7");
            RestSchemaRegistryClient viaPrefix = new RestSchemaRegistryClient(prefixed.url() + "/");

            int id = viaPrefix.register("x-value", loi());

            assertThat(viaPrefix.latest("x-value").id()).isEqualTo(id);
            assertThat(new RestSchemaRegistryClient(prefixed.url()).getById(id)).isEqualTo(loi());
        }
    }

    @Test
    @DisplayName("a registry that is not running gives a SchemaRegistryException without HTTP status")
    void connectionRefused() {
        SchemaRegistryServer stopped = new SchemaRegistryServer(new InMemorySchemaRegistry(), "127.0.0.1", 0).start();
        String url = stopped.url();
        stopped.close();
        RestSchemaRegistryClient unreachable = new RestSchemaRegistryClient(url, Duration.ofSeconds(2),
                Duration.ofSeconds(5));

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, () -> unreachable.getById(1));

        assertThat(e.httpStatus()).isEqualTo(SchemaRegistryException.NO_RESPONSE);
        assertThat(e.getMessage()).contains(url);
    }
}
