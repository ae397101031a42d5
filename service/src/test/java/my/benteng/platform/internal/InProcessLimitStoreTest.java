package my.benteng.platform.internal;

import my.benteng.platform.LimitStore;

class InProcessLimitStoreTest extends LimitStoreContract {

    private final InProcessLimitStore store = new InProcessLimitStore(clock);

    @Override
    LimitStore store() {
        return store;
    }
}
