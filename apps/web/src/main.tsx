import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import {
  type CSSVariablesResolver,
  createTheme,
  Drawer,
  darken,
  MantineProvider,
  Modal,
  Notification,
} from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { queryClient } from './queries.ts';
import { router } from './router.tsx';

const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8 keeps white text on primary buttons above 4.5:1 (WCAG AA); 6 does not.
  primaryShade: { light: 8, dark: 8 },
  // Text on filled buttons and badges switches to black on light colours (amber CLI badges), for contrast.
  autoContrast: true,
  defaultRadius: 'md',
  components: {
    // Mantine's close button is an icon without a name; screen readers (and axe) need one.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
  },
});

// Mantine's "dimmed" grey (descriptions, secondary text) is 3.3:1 on white; gray.7 reads at 9:1.
// Its error red (field messages such as "Enter the hours") is below 4.5:1 too; red.9 is above.
// Yellow and orange "light" alerts and badges write in shade 9 on shade 1, about 2.6:1 and 3.3:1
// (axe flagged the client page's "Payment not confirmed yet"); shade 9 darkened reads above 7:1.
const cssVariablesResolver: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-yellow-light-color': darken(theme.colors.yellow[9], 0.45),
    '--mantine-color-orange-light-color': darken(theme.colors.orange[9], 0.45),
  },
  dark: {},
});

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
