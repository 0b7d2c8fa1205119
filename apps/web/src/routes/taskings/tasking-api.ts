/** The parts of GET /officers?role=SIO&referralId= the allocation page reads. */
export interface Workload {
  points: number;
  taskings: number;
  capacity: number;
  percent: number;
}

export interface SioCandidate {
  sub: string;
  name: string;
  specialisms: string[];
  vetting: string;
  workload: Workload;
  workloadAfterAllocation: Workload;
  eligible: boolean;
  rules: { rule: string; met: boolean; detail: string }[];
  lentBy: string | null;
}

export interface SioCandidates {
  items: SioCandidate[];
  needs?: { specialisms: string[]; vetting: string; cost: number };
}
