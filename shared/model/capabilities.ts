/**
 * The 24 capabilities that *Accelerate* (Forsgren, Humble, Kim) found to drive software delivery
 * performance, by the kebab-case ids of DORA's capability catalogue. An improvement idea may name one.
 */
export const ACCELERATE_CAPABILITIES = {
  // Continuous delivery
  'version-control': 'Version control',
  'deployment-automation': 'Deployment automation',
  'continuous-integration': 'Continuous integration',
  'trunk-based-development': 'Trunk-based development',
  'test-automation': 'Test automation',
  'test-data-management': 'Test data management',
  'shift-left-on-security': 'Shift left on security',
  'continuous-delivery': 'Continuous delivery',
  // Architecture
  'loosely-coupled-architecture': 'Loosely coupled architecture',
  'empowered-teams': 'Architect for empowered teams',
  // Product and process
  'customer-feedback': 'Customer feedback',
  'value-stream-visibility': 'Visibility of work in the value stream',
  'working-in-small-batches': 'Working in small batches',
  'team-experimentation': 'Team experimentation',
  // Lean management and monitoring
  'streamlining-change-approval': 'Streamlining change approval',
  'monitoring-and-observability': 'Monitoring and observability',
  'proactive-failure-notification': 'Proactive failure notification',
  'wip-limits': 'Work in process limits',
  'visual-management': 'Visual management',
  // Culture
  'generative-culture': 'Generative organizational culture',
  'learning-culture': 'Learning culture',
  'collaboration-among-teams': 'Collaboration among teams',
  'job-satisfaction': 'Job satisfaction',
  'transformational-leadership': 'Transformational leadership',
} as const satisfies Record<string, string>;

export type Capability = keyof typeof ACCELERATE_CAPABILITIES;

export const CAPABILITY_IDS = Object.keys(ACCELERATE_CAPABILITIES) as [Capability, ...Capability[]];

/** The capabilities as a form offers them: each id with its name. */
export const CAPABILITY_CHOICES = CAPABILITY_IDS.map((value) => ({ value, label: ACCELERATE_CAPABILITIES[value] }));
