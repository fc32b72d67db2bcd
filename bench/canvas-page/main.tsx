/**
 * The page bench/canvas.ts drives: `?mode=flowmap` renders a map on Flowmap's canvas, `?mode=bare`
 * the same number of plain nodes and edges on bare React Flow, the baseline; bench/compare.ts also
 * `?mode=compare`, the comparison view of that map and a changed copy. The page reports its
 * figures on `window.benchmark`.
 */
import { type Edge, type Node, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
// The app's style sheet, as in the app (the bare canvas uses none of its classes).
import '../../renderer/styles.css';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { MapCanvas } from '../../renderer/canvas/MapCanvas';
import { ComparisonView } from '../../renderer/compare/CompareScreen';
import type { LoadedSide } from '../../renderer/compare/sides';
import type { MapSummary } from '../../shared/api/types';
import { layoutMap } from '../../shared/picture/layout';
import { computeMetrics } from '../../shared/metrics/flow';
import { updateStep } from '../../shared/model/commands';
import type { VsmDocument } from '../../shared/model/schema';
import { randomMap } from '../../test/fixtures/random-map';

const started = performance.now();
const params = new URLSearchParams(window.location.search);
const mode = params.get('mode') ?? 'flowmap';
const size = Number(params.get('size') ?? 500);
const initial = randomMap({ seed: 11, size, reworkShare: 0.05 });

interface Benchmark {
  firstRender?: number;
  frameTimes?: number[];
  editToPaint?: number;
  /** Step nodes whose DOM changed on the edit: 1 when only the edited step is drawn again. */
  stepsRedrawn?: number;
  metricsMs?: number;
  pan?: () => Promise<void>;
  edit?: () => Promise<void>;
  /** Pans and zooms the first canvas by the pointer (drag and wheel), recording each frame's time. */
  panByPointer?: () => Promise<void>;
}
declare global {
  interface Window {
    benchmark: Benchmark;
  }
}
window.benchmark = {};

/**
 * The pointer's pan and zoom, as d3-zoom receives them: a drag across the canvas, then the wheel in
 * and out, one event a frame (120 frames), on the first canvas of the page. In the comparison the
 * other map follows each move.
 */
window.benchmark.panByPointer = async () => {
  const pane = window.document.querySelector('.react-flow__pane')!;
  const box = pane.getBoundingClientRect();
  const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
  const mouse = (type: string, dx: number) =>
    new MouseEvent(type, { bubbles: true, clientX: x + dx, clientY: y, button: 0, buttons: 1, view: window });
  const times: number[] = [];
  let last = await nextFrame();
  const frame = async () => {
    const now = await nextFrame();
    times.push(now - last);
    last = now;
  };
  pane.dispatchEvent(mouse('mousedown', 0));
  for (let step = 1; step <= 60; step++) {
    window.dispatchEvent(mouse('mousemove', -15 * step));
    await frame();
  }
  window.dispatchEvent(mouse('mouseup', -900));
  for (let step = 0; step < 60; step++) {
    const deltaY = step < 30 ? -40 : 40;
    pane.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, clientX: x, clientY: y, deltaY }));
    await frame();
  }
  window.benchmark.frameTimes = times;
};

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** Pans and zooms through 120 frames, recording each frame's time. */
function Panner() {
  const flow = useReactFlow();
  useEffect(() => {
    window.benchmark.pan = async () => {
      const times: number[] = [];
      let last = await nextFrame();
      for (let frame = 0; frame < 120; frame++) {
        const t = frame / 120;
        await flow.setViewport({
          x: -2000 * t,
          y: -300 * Math.sin(t * Math.PI),
          zoom: 0.5 + 0.4 * Math.sin(t * Math.PI * 2),
        });
        const now = await nextFrame();
        times.push(now - last);
        last = now;
      }
      window.benchmark.frameTimes = times;
    };
  }, [flow]);
  return null;
}

/**
 * Records the first render: the frame that painted the last change to the page, once each of its
 * `canvases` shows steps and nothing changed for 10 frames (a large map draws only what is in view;
 * the bare canvas measures every node first). Both modes are timed alike, whatever each keeps on
 * the page afterwards.
 */
function whenDrawn(canvases: number) {
  let allSeen = false;
  let lastChange = performance.now();
  let lastChangeFrame = 0;
  let frame = 0;
  const observer = new MutationObserver(() => {
    lastChange = performance.now();
    lastChangeFrame = frame;
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  const check = (now: number) => {
    frame++;
    const shown = [...document.querySelectorAll('.react-flow')].filter((canvas) =>
      canvas.querySelector('.react-flow__node:not(.react-flow__node-lane)'),
    );
    allSeen ||= shown.length >= canvases;
    if (allSeen && frame - lastChangeFrame >= 10) {
      observer.disconnect();
      window.benchmark.firstRender = Math.min(now, lastChange + 17) - started;
    } else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

function FlowmapCanvas() {
  const [document, setDocument] = useState<VsmDocument>(initial);
  const metrics = computeMetrics(document);
  useEffect(() => {
    whenDrawn(1);
    window.benchmark.edit = async () => {
      // A step on screen (a large map draws only what is in view), so that its redraw is counted.
      const shown = window.document.querySelector('.react-flow__node-step')?.getAttribute('data-id');
      const step = initial.steps.find((candidate) => candidate.id === shown) ?? initial.steps[0]!;
      const result = updateStep(initial, step.id, { name: `${step.name} (edited)` });
      if (!result.ok) throw new Error(result.error);
      // Warm, as in the editor after its first edits: the median of 21 recomputes.
      const times = Array.from({ length: 21 }, () => {
        const t0 = performance.now();
        computeMetrics(result.document);
        return performance.now() - t0;
      }).sort((a, b) => a - b);
      window.benchmark.metricsMs = times[10];
      const redrawn = new Set<string>();
      const observer = new MutationObserver((records) => {
        for (const record of records) {
          const target = record.target instanceof Element ? record.target : record.target.parentElement;
          const id = target?.closest('.react-flow__node-step')?.getAttribute('data-id');
          if (id) redrawn.add(id);
        }
      });
      observer.observe(window.document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      const start = performance.now();
      setDocument(result.document);
      await nextFrame();
      await nextFrame();
      window.benchmark.editToPaint = performance.now() - start;
      observer.disconnect();
      window.benchmark.stepsRedrawn = redrawn.size;
    };
  }, []);
  return (
    <MapCanvas document={document} metrics={metrics}>
      <Panner />
    </MapCanvas>
  );
}

function BareCanvas() {
  // The same count and places of nodes and edges, drawn with React Flow's defaults.
  const layout = layoutMap(initial);
  const nodes: Node[] = initial.steps.map((step) => ({
    id: step.id,
    position: layout.positions.get(step.id)!,
    data: { label: step.name },
  }));
  const edges: Edge[] = initial.handoffs.map((handoff) => ({
    id: `${handoff.from}>${handoff.to}`,
    source: handoff.from,
    target: handoff.to,
  }));
  useEffect(() => {
    whenDrawn(1);
  }, []);
  return (
    <ReactFlowProvider>
      <ReactFlow nodes={nodes} edges={edges} fitView minZoom={0.1} />
      <Panner />
    </ReactFlowProvider>
  );
}

/** The comparison view of the map and a copy with a tenth of its steps faster and a seventh of its waits cut. */
function CompareView() {
  const after: VsmDocument = {
    ...initial,
    state: 'future',
    steps: initial.steps.map((step, index) =>
      index % 10 === 0 ? { ...step, processTime: Math.ceil(step.processTime / 2) } : step,
    ),
    handoffs: initial.handoffs.map((handoff, index) =>
      index % 7 === 0 ? { ...handoff, waitTime: Math.ceil(handoff.waitTime / 2) } : handoff,
    ),
  };
  const side = (document: VsmDocument, id: string, label: string): LoadedSide => {
    const summary: MapSummary = {
      id,
      streamId: 'bench',
      streamName: document.name,
      name: document.name,
      state: document.state,
      label,
      stepCount: document.steps.length,
      leadTime: 0,
      flowEfficiency: null,
      calendar: document.calendar,
      revision: 1,
      createdAt: 0,
      updatedAt: 0,
      trashedAt: null,
    };
    return { side: { id, revision: undefined }, summary, document, label };
  };
  useEffect(() => {
    // Both maps.
    whenDrawn(2);
  }, []);
  return (
    <ComparisonView before={side(initial, 'before', 'Current state')} after={side(after, 'after', 'In 3 months')} />
  );
}

createRoot(window.document.getElementById('root')!).render(
  mode === 'bare' ? <BareCanvas /> : mode === 'compare' ? <CompareView /> : <FlowmapCanvas />,
);
