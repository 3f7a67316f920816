import { unstableSetRender } from 'antd-mobile';
import { createRoot, type Root } from 'react-dom/client';

// antd-mobile's Toast, Dialog and ImageViewer render outside the tree; with React 19 they need a renderer.
unstableSetRender((node, container) => {
  const c = container as Element & { _zlpRoot?: Root };
  c._zlpRoot ??= createRoot(container);
  c._zlpRoot.render(node);
  return async () => {
    await Promise.resolve();
    c._zlpRoot?.unmount();
    delete c._zlpRoot;
  };
});
