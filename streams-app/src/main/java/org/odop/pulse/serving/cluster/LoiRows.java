package org.odop.pulse.serving.cluster;

import java.util.List;
import org.odop.pulse.avro.internal.LoiCorrection;
import org.odop.pulse.avro.internal.LoiRecord;

/**
 * LOIs read from some partitions of the meet store, each as counted (its latest version, the versions it replaced,
 * and the exports linked to it), tagged with its partition. Times are epoch milliseconds, money is paise.
 */
public record LoiRows(List<String> served, List<Row> rows) {
    public record Row(String storePartition, String loiId, String meetId, String districtCode, String productCode,
                      String buyer, String seller, long valuePaise, long signedAtMillis, long linkedExportShipments,
                      long linkedExportValuePaise, List<Correction> corrections) {

        public static Row of(String storePartition, LoiRecord r) {
            return new Row(storePartition, r.getLoiId(), r.getMeetId(), r.getDistrictCode(), r.getProductCode(),
                    r.getBuyer(), r.getSeller(), r.getValuePaise(), r.getSignedAt().toEpochMilli(),
                    r.getLinkedExportShipments(), r.getLinkedExportValuePaise(),
                    r.getCorrections().stream().map(Correction::of).toList());
        }
    }

    /** A version the LOI replaced, and when (wall clock) the correction was counted. */
    public record Correction(long correctedAtMillis, long previousValuePaise, String previousProductCode,
                             String previousDistrictCode, long previousSignedAtMillis) {
        static Correction of(LoiCorrection c) {
            return new Correction(c.getCorrectedAt().toEpochMilli(), c.getPreviousValuePaise(), c.getPreviousProductCode(),
                    c.getPreviousDistrictCode(), c.getPreviousSignedAt().toEpochMilli());
        }
    }
}
