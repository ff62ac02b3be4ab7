package org.odop.pulse.support;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.odop.pulse.registry.CompatibilityLevel;
import org.odop.pulse.registry.InMemorySchemaRegistry;
import org.odop.pulse.registry.RegisteredSchema;
import org.odop.pulse.registry.SchemaRegistryClient;
import org.odop.pulse.registry.SchemaRegistryException;

/**
 * An in-memory registry that can stop answering schema fetches by id, as a registry that is down (after the
 * client's retries) does: {@link SchemaRegistryException#noResponse}. Everything else always answers.
 */
public final class SwitchableRegistry implements SchemaRegistryClient {
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private volatile boolean down;

    public void down() {
        down = true;
    }

    public void up() {
        down = false;
    }

    @Override
    public Schema getById(int id) {
        if (down) throw SchemaRegistryException.noResponse("GET /schemas/ids/" + id + ": connection refused", null);
        return registry.getById(id);
    }

    @Override
    public int register(String subject, Schema schema) {
        return registry.register(subject, schema);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return registry.latest(subject);
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return registry.version(subject, version);
    }

    @Override
    public List<String> subjects() {
        return registry.subjects();
    }

    @Override
    public List<Integer> versions(String subject) {
        return registry.versions(subject);
    }

    @Override
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        return registry.lookup(subject, schema);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return registry.isCompatible(subject, schema);
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        registry.setCompatibility(subject, level);
    }

    @Override
    public CompatibilityLevel getCompatibility(String subject) {
        return registry.getCompatibility(subject);
    }
}
