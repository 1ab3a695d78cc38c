import { documentedProfile, readTargetProfile } from '../client/target-profile';
import { coverageTable } from './coverage-table';

// `npm run contract:cases`: the coverage phase of the gate, for CONTRACT_PROFILE (default the documented example).
const profilePath = process.env.CONTRACT_PROFILE;
const profile = profilePath ? readTargetProfile(profilePath) : documentedProfile;
process.stdout.write(`${coverageTable(profile, { showPii: process.env.CONTRACT_SHOW_PII === '1' })}\n`);
