package org.odop.pulse.serving;

import org.odop.pulse.store.StoreUnavailableException;
import java.util.List;
import org.odop.pulse.serving.cluster.LoiRows;

/** Every LOI as counted in the meet store, from every partition (in the application, from whichever instances own them). */
@FunctionalInterface
public interface LoiSource {
    /** @throws StoreUnavailableException when some partition cannot answer now */
    List<LoiRows.Row> all();
}
