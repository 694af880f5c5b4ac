// Each test file gets a fresh in-memory IndexedDB and a fixed device id.
import 'fake-indexeddb/auto';
import { setDeviceId } from '../db/records';

setDeviceId('test-device');
