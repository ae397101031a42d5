package my.benteng.shield.internal;

class InProcessShieldStateTest extends ShieldStateContract {

    private final InProcessShieldState state = new InProcessShieldState();

    @Override
    ShieldState state() {
        return state;
    }
}
