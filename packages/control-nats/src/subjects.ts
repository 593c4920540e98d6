/** Control subjects of one node: `<prefix>.<nodeId>.{propose,run,cancel,ping,recall,commit}`. */
export function controlSubjects(prefix: string, nodeId: string) {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(nodeId))
    throw new RangeError(`invalid node id ${JSON.stringify(nodeId)}`);
  const base = `${prefix}.${nodeId}`;
  return {
    propose: `${base}.propose`,
    run: `${base}.run`,
    cancel: `${base}.cancel`,
    ping: `${base}.ping`,
    recall: `${base}.recall`,
    commit: `${base}.commit`,
  };
}

export const DEFAULT_CONTROL_PREFIX = 'mpcium.control';
