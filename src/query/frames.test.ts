import {
  framesToGrid,
  framesToScalars,
  normalizeFrame,
  promResponseToFrames,
  type FrameJSON,
  type FrameLike,
} from './frames';

// A frame as Grafana's Prometheus datasource hands it to a panel: one frame per series, `Time` + `Value` with labels.
function grafanaFrame(labels: Record<string, string>, times: number[], values: number[]): FrameLike {
  return {
    refId: 'A',
    name: '',
    meta: { type: 'timeseries-multi', typeVersion: [0, 1] },
    fields: [
      { name: 'Time', type: 'time', config: { interval: 60000 }, values: times },
      { name: 'Value', type: 'number', config: { displayNameFromDS: 'x' }, labels, values },
    ],
    length: times.length,
  };
}

const grid = { firstEnd: 60_000, step: 60_000, count: 5 };

describe('framesToGrid', () => {
  it('places samples on the grid, leaves missing points as no data and sums series of one group', () => {
    const frames = [
      grafanaFrame({ instance: 'a' }, [60_000, 120_000, 240_000], [1, 2, 4]),
      grafanaFrame({ instance: 'b' }, [120_000, 300_000], [10, 20]),
    ];
    const out = framesToGrid(frames, grid);
    expect([...out.get('')!]).toEqual([1, 12, NaN, 4, 20]);
  });

  it('keeps groups apart by their groupBy labels', () => {
    const frames = [grafanaFrame({ route: '/a' }, [60_000], [1]), grafanaFrame({ route: '/b"' }, [60_000], [2])];
    const out = framesToGrid(frames, grid, ['route']);
    expect(out.size).toBe(2);
    expect(out.get(JSON.stringify(['/b"']))![0]).toBe(2);
  });

  it('treats NaN values as no data and ignores samples off the grid', () => {
    const out = framesToGrid([grafanaFrame({}, [60_000, 90_000, 120_000], [NaN, 7, 3])], grid);
    expect([...out.get('')!]).toEqual([NaN, 3, NaN, NaN, NaN]);
  });

  it('decodes the JSON wire form, where NaN travels as an entity index', () => {
    const wire: FrameJSON = {
      schema: {
        refId: 'A',
        meta: { type: 'timeseries-multi' },
        fields: [
          { name: 'Time', type: 'time' },
          { name: 'Value', type: 'number', labels: { job: 'x' } },
        ],
      },
      data: {
        values: [
          [60_000, 120_000, 180_000],
          [5, null, 6],
        ],
        entities: [null, { NaN: [1] }],
      },
    };
    const f = normalizeFrame(wire);
    expect(Number.isNaN((f.fields[1].values as number[])[1])).toBe(true);
    expect([...framesToGrid([wire], grid).get('')!]).toEqual([5, NaN, 6, NaN, NaN]);
  });
});

describe('promResponseToFrames', () => {
  it('shapes a matrix like Grafana does: one frame per series, Time and Value with labels', () => {
    const frames = promResponseToFrames({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: { code: '500' },
            values: [
              [60, '1'],
              [120, 'NaN'],
              [180, '+Inf'],
            ],
          },
        ],
      },
    });
    expect(frames).toHaveLength(1);
    expect(frames[0].meta?.type).toBe('timeseries-multi');
    expect(frames[0].fields.map((f) => [f.name, f.type])).toEqual([
      ['Time', 'time'],
      ['Value', 'number'],
    ]);
    expect(frames[0].fields[0].values).toEqual([60_000, 120_000, 180_000]);
    expect(frames[0].fields[1].labels).toEqual({ code: '500' });
    const v = frames[0].fields[1].values as number[];
    expect(v[0]).toBe(1);
    expect(Number.isNaN(v[1])).toBe(true);
    expect(v[2]).toBe(Infinity);
  });

  it('reads instant vectors as scalars per group', () => {
    const frames = promResponseToFrames({
      status: 'success',
      data: { resultType: 'vector', result: [{ metric: {}, value: [1000, '42.5'] }] },
    });
    expect(frames[0].meta?.type).toBe('numeric-multi');
    expect(framesToScalars(frames).get('')).toBe(42.5);
  });

  it('returns no frames (no data) for an empty result', () => {
    expect(promResponseToFrames({ status: 'success', data: { resultType: 'vector', result: [] } })).toEqual([]);
  });
});
