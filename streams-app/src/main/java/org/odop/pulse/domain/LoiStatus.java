package org.odop.pulse.domain;

/**
 * Where an LOI stands against the exports linked to it. An LOI with a linked export is followed up: CONVERTED when
 * the linked value (above zero) reaches its own value, PARTIAL otherwise. An LOI with none is OPEN until its
 * follow-up limit ({@code signedAt} plus the configured days, wall clock), then DUE: the same rule as the
 * LOI_FOLLOW_UP_DUE alert.
 */
public enum LoiStatus {
    CONVERTED, PARTIAL, OPEN, DUE;

    /**
     * @param dueAtMillis when the LOI is due without a linked export ({@code FollowUp.dueAt(signedAt)})
     * @param nowMillis   the wall clock
     */
    public static LoiStatus of(long valuePaise, long linkedExportShipments, long linkedExportValuePaise,
                               long dueAtMillis, long nowMillis) {
        if (linkedExportShipments > 0 || linkedExportValuePaise > 0) {
            return linkedExportValuePaise > 0 && linkedExportValuePaise >= valuePaise ? CONVERTED : PARTIAL;
        }
        return nowMillis >= dueAtMillis ? DUE : OPEN;
    }
}
