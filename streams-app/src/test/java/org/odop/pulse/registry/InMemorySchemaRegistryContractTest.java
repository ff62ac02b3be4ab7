package org.odop.pulse.registry;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Registry contract: InMemorySchemaRegistry called directly")
class InMemorySchemaRegistryContractTest extends AbstractSchemaRegistryContract {

    @Override
    protected SchemaRegistryClient open() {
        return new InMemorySchemaRegistry();
    }
}
