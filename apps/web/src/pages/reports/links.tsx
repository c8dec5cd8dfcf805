// Mantine's buttons and anchors as router links. `component={Link}` would lose the router's types
// (a `search` reducer then type-checks as `never`); createLink keeps them.
import { Anchor, type AnchorProps, Button, type ButtonProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import { type AnchorHTMLAttributes, forwardRef } from 'react';

type AnchorAttributes = AnchorHTMLAttributes<HTMLAnchorElement>;

export const ButtonLink = createLink(
  forwardRef<HTMLAnchorElement, ButtonProps & AnchorAttributes>((props, ref) => (
    <Button component="a" ref={ref} {...props} />
  )),
);

export const AnchorLink = createLink(
  forwardRef<HTMLAnchorElement, AnchorProps & AnchorAttributes>((props, ref) => (
    <Anchor component="a" ref={ref} {...props} />
  )),
);
