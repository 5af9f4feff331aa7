// The views of the Data step, in the order a beginner works through them.

/** A tab of the Data step. */
export type DataTab = 'profile' | 'quality' | 'partition' | 'versions' | 'rows';

/** Every tab in order. */
export const DATA_TABS: readonly DataTab[] = ['profile', 'quality', 'partition', 'versions', 'rows'];
