import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { StatusText } from './StatusText';

describe('StatusText', () => {
  it('keeps the text accessible next to a decorative status icon', async () => {
    renderInTestApp(<StatusText kind="error">open</StatusText>);
    const text = await screen.findByText('open');
    expect(text).not.toHaveAttribute('aria-hidden');
    expect(text.closest('[aria-hidden="true"]')).toBeNull();
    expect(screen.getByTestId('status-error')).toBeInTheDocument();
  });
});
