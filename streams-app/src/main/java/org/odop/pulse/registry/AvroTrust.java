package org.odop.pulse.registry;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Since 1.12.2 Avro builds specific records (reading them, and copying a builder's default values) only of classes it
 * trusts. This adds the classes generated from this project's schemas ({@value #TRUSTED_PACKAGE}*) to that trust,
 * once, before anything of ours reads or builds a record: the serdes and the application call it.
 */
public final class AvroTrust {
    /** The package of the classes generated from this project's schemas (and its internal subpackage). */
    public static final String TRUSTED_PACKAGE = "org.odop.pulse.avro.";

    static {
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                c -> c.getName().startsWith(TRUSTED_PACKAGE)));
    }

    private AvroTrust() {}

    /** Does nothing but make sure the trust above is in place (the class's initialisation runs once). */
    public static void ensure() {
        // The static initialiser is the work.
    }
}
