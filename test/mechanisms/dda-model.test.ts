// Issue 11 item 9: a model-based test of the double Dutch auction's clock machine. Random sequences
// of commands drive the event-driven machine (ddaStep jumps straight to the next commitment or the
// crossing) beside a model that moves its clocks one tick at a time, as the textbook auction does;
// after every command the two must agree on the clocks, the commitments, the ticks elapsed, which
// clock moved, whether the clocks crossed, and at the end on the price and the units traded.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DdaState,
  ddaInitialState,
  ddaIsTerminal,
  ddaNextClock,
  ddaStep,
  ddaTrade,
} from '../../mechanisms/dda.js';
import { createMarket } from '../../src/market/create-market.js';

interface Order {
  readonly price: number;
  readonly quantity: number;
}

/** The auction as the textbook states it: integer prices, tick 1, one tick per move. */
class ClockModel {
  buyerClock: number;
  sellerClock: number;
  buyerCommitted = 0;
  sellerCommitted = 0;
  rounds = 0;
  lastMoved: 'start' | 'buyer' | 'seller' = 'start';
  done: boolean;

  constructor(
    readonly bids: readonly Order[],
    readonly asks: readonly Order[],
    readonly firstClock: 'buyer' | 'seller',
  ) {
    const highestBid = Math.max(...bids.map((b) => b.price));
    const lowestAsk = Math.min(...asks.map((a) => a.price));
    this.buyerClock = highestBid + 1;
    this.sellerClock = Math.max(0, lowestAsk - 1);
    this.done = this.buyerClock <= this.sellerClock;
    this.commit();
  }

  /** Every trader whose threshold a clock has reached is committed. */
  commit(): void {
    this.buyerCommitted = unitsWhere(this.bids, (p) => p >= this.buyerClock);
    this.sellerCommitted = unitsWhere(this.asks, (p) => p <= this.sellerClock);
  }

  nextClock(): 'buyer' | 'seller' {
    if (this.buyerCommitted !== this.sellerCommitted)
      return this.buyerCommitted < this.sellerCommitted ? 'buyer' : 'seller';
    return this.firstClock;
  }

  /** One move: tick by tick until a trader commits or the clocks cross. */
  step(): void {
    if (this.done) return;
    const clock = this.nextClock();
    const before = clock === 'buyer' ? this.buyerCommitted : this.sellerCommitted;
    for (;;) {
      if (clock === 'buyer') this.buyerClock--;
      else this.sellerClock++;
      this.rounds++;
      this.commit();
      if (this.buyerClock <= this.sellerClock) {
        this.done = true;
        break;
      }
      if ((clock === 'buyer' ? this.buyerCommitted : this.sellerCommitted) !== before) break;
    }
    this.lastMoved = clock;
  }

  /** The trade at the end: the crossing price (or the midpoint of clocks that started crossed), and the units both sides accept. */
  trade(): { units: number; price: number } {
    const price =
      this.lastMoved === 'start'
        ? (this.buyerClock + this.sellerClock) / 2
        : this.lastMoved === 'buyer'
          ? this.sellerClock
          : this.buyerClock;
    const units = Math.min(
      unitsWhere(this.bids, (p) => p >= price),
      unitsWhere(this.asks, (p) => p <= price),
    );
    return { units, price };
  }
}

function unitsWhere(orders: readonly Order[], ok: (price: number) => boolean): number {
  return orders.filter((o) => ok(o.price)).reduce((s, o) => s + o.quantity, 0);
}

interface Real {
  state: DdaState;
}

function expectSame(model: ClockModel, real: Real): void {
  const s = real.state;
  expect({
    buyerClock: Number(s.buyerClock),
    sellerClock: Number(s.sellerClock),
    buyerCommitted: s.buyerCommitted,
    sellerCommitted: s.sellerCommitted,
    rounds: Number(s.rounds),
    lastMoved: s.lastMoved,
    done: ddaIsTerminal(s),
  }).toEqual({
    buyerClock: model.buyerClock,
    sellerClock: model.sellerClock,
    buyerCommitted: model.buyerCommitted,
    sellerCommitted: model.sellerCommitted,
    rounds: model.rounds,
    lastMoved: model.lastMoved,
    done: model.done,
  });
}

class Step implements fc.Command<ClockModel, Real> {
  check(model: Readonly<ClockModel>): boolean {
    return !model.done;
  }
  run(model: ClockModel, real: Real): void {
    expect(ddaNextClock(real.state)).toBe(model.nextClock());
    real.state = ddaStep(real.state);
    model.step();
    expectSame(model, real);
  }
  toString(): string {
    return 'step';
  }
}

class StepAfterCrossing implements fc.Command<ClockModel, Real> {
  check(model: Readonly<ClockModel>): boolean {
    return model.done;
  }
  run(model: ClockModel, real: Real): void {
    // A terminal state is a fixed point.
    expect(ddaStep(real.state)).toBe(real.state);
    expectSame(model, real);
  }
  toString(): string {
    return 'step after crossing';
  }
}

class Trade implements fc.Command<ClockModel, Real> {
  check(): boolean {
    return true;
  }
  run(model: ClockModel, real: Real): void {
    if (!model.done) {
      expect(() => ddaTrade(real.state)).toThrow(/have not crossed/);
      return;
    }
    const { units, price } = ddaTrade(real.state);
    expect({ units, price: price.toNumber() }).toEqual(model.trade());
  }
  toString(): string {
    return 'trade';
  }
}

const orders = fc.array(
  fc.record({ price: fc.integer({ min: 0, max: 40 }), quantity: fc.integer({ min: 1, max: 3 }) }),
  { minLength: 1, maxLength: 6 },
);

describe('the double Dutch clock machine against a tick-by-tick model', () => {
  it('agrees after every command of random command sequences', () => {
    fc.assert(
      fc.property(
        orders,
        orders,
        fc.constantFrom('buyer' as const, 'seller' as const),
        fc.commands(
          [fc.constant(new Step()), fc.constant(new StepAfterCrossing()), fc.constant(new Trade())],
          {
            maxCommands: 40,
          },
        ),
        (bids, asks, firstClock, commands) => {
          const market = createMarket({
            bids: bids.map((b, i) => ({ id: `b${i}`, value: b.price, quantity: b.quantity })),
            asks: asks.map((a, i) => ({ id: `s${i}`, cost: a.price, quantity: a.quantity })),
          });
          const setup = () => {
            const model = new ClockModel(bids, asks, firstClock);
            const real = { state: ddaInitialState(market, { firstClock }) };
            expectSame(model, real);
            return { model, real };
          };
          fc.modelRun(setup, commands);
        },
      ),
    );
  });

  it('reaches the crossing in every run: a sequence of steps always terminates', () => {
    fc.assert(
      fc.property(orders, orders, (bids, asks) => {
        const market = createMarket({
          bids: bids.map((b, i) => ({ id: `b${i}`, value: b.price, quantity: b.quantity })),
          asks: asks.map((a, i) => ({ id: `s${i}`, cost: a.price, quantity: a.quantity })),
        });
        let state = ddaInitialState(market);
        // Each step commits an order or crosses: at most one step per order, plus the crossing.
        for (let i = 0; i <= bids.length + asks.length && !ddaIsTerminal(state); i++) state = ddaStep(state);
        expect(ddaIsTerminal(state)).toBe(true);
      }),
    );
  });
});
