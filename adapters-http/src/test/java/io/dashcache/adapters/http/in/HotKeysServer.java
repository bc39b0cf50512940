package io.dashcache.adapters.http.in;

import io.dashcache.application.port.in.warming.ReadHotKeys;
import io.dashcache.domain.CacheKey;
import io.dashcache.domain.DataType;
import io.dashcache.domain.Period;
import io.dashcache.domain.UserId;
import io.dashcache.domain.WidgetType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;

/** The running server with {@link HotKeysRoute} over three fixed hot keys that records each limit asked for. */
abstract class HotKeysServer extends RunningServer {

    static final class FixedHotKeys implements ReadHotKeys {
        final List<Integer> limits = new CopyOnWriteArrayList<>();

        @Override
        public List<HotKey> hotKeys(int limit) {
            limits.add(limit);
            List<HotKey> all = List.of(
                    new HotKey(CacheKey.widget(UserId.of("42"), WidgetType.of("heatmap")), 40),
                    new HotKey(CacheKey.forPeriod(DataType.ANALYTICS, Period.LAST_WEEK), 25),
                    new HotKey(CacheKey.global(DataType.SYSTEM_STATUS), 3));
            return all.subList(0, Math.min(limit, all.size()));
        }
    }

    final FixedHotKeys hotKeys = new FixedHotKeys();

    @Override
    List<RouteRegistrar> moreRoutes(HttpSettings settings) {
        return List.of(new HotKeysRoute(hotKeys, settings));
    }

    @BeforeEach
    void forgetTheLimits() {
        hotKeys.limits.clear();
    }
}
