package org.odop.pulse.topology.reference;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.FxRate;
import org.odop.pulse.avro.Product;
import org.odop.pulse.config.Topics;

/**
 * Districts, products and exchange rates as global tables: every instance holds all of them (a few thousand rows), so
 * names and states are looked up locally whichever instance owns an event's partition.
 */
public final class ReferenceDataTopology {
    public static final String DISTRICTS_STORE = "ref-districts";
    public static final String PRODUCTS_STORE = "ref-products";
    /** Exchange rates keyed by {@code currency|validFrom}; processors compare it with the rates they have applied. */
    public static final String FX_RATES_STORE = "ref-fx-rates";

    private final Serde<District> districtSerde;
    private final Serde<Product> productSerde;
    private final Serde<FxRate> fxRateSerde;

    public ReferenceDataTopology(Serde<District> districtSerde, Serde<Product> productSerde, Serde<FxRate> fxRateSerde) {
        this.districtSerde = districtSerde;
        this.productSerde = productSerde;
        this.fxRateSerde = fxRateSerde;
    }

    public void build(StreamsBuilder builder) {
        builder.globalTable(Topics.DISTRICTS.name(), Consumed.with(Serdes.String(), districtSerde),
                Materialized.<String, District, KeyValueStore<Bytes, byte[]>>as(DISTRICTS_STORE));
        builder.globalTable(Topics.PRODUCTS.name(), Consumed.with(Serdes.String(), productSerde),
                Materialized.<String, Product, KeyValueStore<Bytes, byte[]>>as(PRODUCTS_STORE));
        builder.globalTable(Topics.FX_RATES.name(), Consumed.with(Serdes.String(), fxRateSerde),
                Materialized.<String, FxRate, KeyValueStore<Bytes, byte[]>>as(FX_RATES_STORE));
    }
}
