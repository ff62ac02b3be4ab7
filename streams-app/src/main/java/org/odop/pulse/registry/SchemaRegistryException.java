package org.odop.pulse.registry;

/**
 * A registry error with Confluent's HTTP status and error code, so the in-memory registry, the REST server
 * and the REST client all speak the same error language.
 */
public class SchemaRegistryException extends RuntimeException {

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int STORE_ERROR = 50001;
    /** Used as httpStatus when no HTTP response was received at all (connection refused, timeout). */
    public static final int NO_RESPONSE = 0;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(int httpStatus, int errorCode, String message) {
        this(httpStatus, errorCode, message, null);
    }

    public SchemaRegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    /**
     * Whether asking again may succeed: no answer at all, a timeout, too many requests, or a server error
     * (Apicurio answers 500 when two clients register the same schema at once). A 4xx about the request
     * itself (unknown id, incompatible or invalid schema) is final.
     */
    public boolean isTransient() {
        return httpStatus == NO_RESPONSE || httpStatus == 408 || httpStatus == 429 || httpStatus >= 500;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[http " + httpStatus + ", error_code " + errorCode + "]: " + getMessage();
    }

    public static SchemaRegistryException subjectNotFound(String subject) {
        return new SchemaRegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    public static SchemaRegistryException versionNotFound(String subject, int version) {
        return new SchemaRegistryException(404, VERSION_NOT_FOUND,
                "Version " + version + " not found for subject '" + subject + "'.");
    }

    public static SchemaRegistryException schemaNotFound(int id) {
        return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }

    public static SchemaRegistryException schemaNotFound(String subject) {
        return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema not found under subject '" + subject + "'");
    }

    public static SchemaRegistryException incompatible(String message) {
        return new SchemaRegistryException(409, INCOMPATIBLE_SCHEMA, message);
    }

    public static SchemaRegistryException invalidSchema(String message, Throwable cause) {
        return new SchemaRegistryException(422, INVALID_SCHEMA, "Invalid schema: " + message, cause);
    }

    public static SchemaRegistryException invalidVersion(String version) {
        return new SchemaRegistryException(422, INVALID_VERSION,
                "The specified version '" + version + "' is not a valid version id. "
                        + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    public static SchemaRegistryException invalidCompatibilityLevel(String level) {
        return new SchemaRegistryException(422, INVALID_COMPATIBILITY_LEVEL, "Invalid compatibility level: " + level);
    }

    public static SchemaRegistryException storeError(String message, Throwable cause) {
        return new SchemaRegistryException(500, STORE_ERROR, message, cause);
    }

    public static SchemaRegistryException noResponse(String message, Throwable cause) {
        return new SchemaRegistryException(NO_RESPONSE, NO_RESPONSE, message, cause);
    }
}
